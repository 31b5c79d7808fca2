#include "integrations/slskd/TransferState.hpp"

#include <gtest/gtest.h>

using harmony::harmonyd::slskd::TransferState;

TEST(TransferState, ParsesFlagSetsNotStrings) {
  const auto ok = TransferState::parse("Completed, Succeeded");
  EXPECT_TRUE(ok.succeeded());
  EXPECT_FALSE(ok.failed());
  const auto reordered = TransferState::parse("Succeeded,Completed");
  EXPECT_EQ(reordered.flags(), ok.flags());
  EXPECT_EQ(ok.flags(), 48u);
}

TEST(TransferState, TreatsEveryCompletedWithoutSuccessAsFailed) {
  for (const char* text : {"Completed, Errored", "Completed, TimedOut", "Completed, Rejected",
                           "Completed, Cancelled", "Completed, Aborted", "Completed"}) {
    const auto state = TransferState::parse(text);
    EXPECT_TRUE(state.failed()) << text;
    EXPECT_FALSE(state.queued() || state.in_progress()) << text;
  }
  EXPECT_EQ(TransferState::parse("Completed, Errored").flags(), 272u);
}

TEST(TransferState, RecognisesQueuedAndInProgressStates) {
  EXPECT_TRUE(TransferState::parse("Queued, Remotely").queued());
  EXPECT_TRUE(TransferState::parse("Queued, Remotely").has(TransferState::k_remotely));
  EXPECT_TRUE(TransferState::parse("Requested").queued());
  EXPECT_TRUE(TransferState::parse("Initializing").in_progress());
  EXPECT_TRUE(TransferState::parse("InProgress").in_progress());
  EXPECT_EQ(TransferState::parse("Bogus, Nonsense").flags(), 0u);
  EXPECT_EQ(TransferState::parse("").flags(), 0u);
}
