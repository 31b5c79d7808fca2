#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ControlFrames.hpp"

namespace harmony::bridge {
namespace {

using Outcome = ControlFrames::Outcome;

struct Collected {
  struct Seen {
    Outcome outcome;
    bool ours;
    std::string body;
    bool operator==(const Seen&) const = default;
  };
  std::vector<Seen> replies;
  std::vector<std::string> exits;
};

ControlFrames collector(Collected& collected, std::size_t max_reply = 64 * 1024) {
  ControlFrames::Handlers handlers;
  handlers.on_reply = [&collected](const ControlFrames::Reply& reply) {
    collected.replies.push_back({reply.outcome, reply.ours, std::string(reply.body)});
  };
  handlers.on_exit = [&collected](std::string_view reason) {
    collected.exits.emplace_back(reason);
  };
  return ControlFrames(std::move(handlers), max_reply);
}

// What `tmux -C attach-session -r -t S` prints for the attach, one change of the pane and one
// `capture-pane -p` sent on its stdin (recorded from tmux 3.3a).
const std::string k_session =
    "%begin 1796091712 263 0\n"
    "%end 1796091712 263 0\n"
    "%session-changed $0 exp\n"
    "%output %0 \\033[H\\033[2Jlqqk\\015\\012xNow playing\n"
    "%begin 1796091712 268 1\n"
    "lqqk\n"
    "xNow playing x\n"
    "\n"
    "%end 1796091712 268 1\n";

TEST(ControlFrames, DeliversEachReplyWithItsLinesAndWhoseItIs) {
  Collected c;
  auto frames = collector(c);
  frames.feed(k_session);
  ASSERT_EQ(c.replies.size(), 2U);
  EXPECT_EQ(c.replies[0], (Collected::Seen{Outcome::ok, false, ""}));
  EXPECT_EQ(c.replies[1], (Collected::Seen{Outcome::ok, true, "lqqk\nxNow playing x\n\n"}));
  EXPECT_TRUE(c.exits.empty());
  EXPECT_FALSE(frames.discard_partial());
}

TEST(ControlFrames, GivesTheSameRepliesForEverySplitOfTheInput) {
  Collected whole;
  auto reference = collector(whole);
  reference.feed(k_session);
  for (std::size_t cut = 1; cut < k_session.size(); ++cut) {
    Collected c;
    auto frames = collector(c);
    frames.feed(std::string_view(k_session).substr(0, cut));
    frames.feed(std::string_view(k_session).substr(cut));
    EXPECT_EQ(c.replies, whole.replies) << "cut at " << cut;
  }
  Collected bytewise;
  auto frames = collector(bytewise);
  for (const char c : k_session) {
    frames.feed(std::string_view(&c, 1));
  }
  EXPECT_EQ(bytewise.replies, whole.replies);
}

TEST(ControlFrames, AnErrorReplyCarriesTmuxsWords) {
  Collected c;
  auto frames = collector(c);
  frames.feed("%begin 1 279 1\ncan't find pane: nosuch\n%error 1 279 1\n%exit\n");
  ASSERT_EQ(c.replies.size(), 1U);
  EXPECT_EQ(c.replies[0], (Collected::Seen{Outcome::error, true, "can't find pane: nosuch\n"}));
  EXPECT_EQ(c.exits, (std::vector<std::string>{""}));
}

TEST(ControlFrames, ExitReportsTheReasonTmuxGives) {
  Collected c;
  auto frames = collector(c);
  frames.feed("%exit detached\n%exited-not-exit\n");
  EXPECT_EQ(c.exits, (std::vector<std::string>{"detached"}));
}

TEST(ControlFrames, AnEndWithOtherWordsIsPartOfTheReply) {
  Collected c;
  auto frames = collector(c);
  // A screen line that looks like a terminator but does not repeat the block's three words.
  frames.feed("%begin 5 6 1\n%end 5 7 1\n%error 9 9 9\n%end 5 6 1\n");
  ASSERT_EQ(c.replies.size(), 1U);
  EXPECT_EQ(c.replies[0].body, "%end 5 7 1\n%error 9 9 9\n");
}

TEST(ControlFrames, AnOversizedReplyIsDeliveredWithoutItsTextAndTheNextOneIsWhole) {
  Collected c;
  auto frames = collector(c, 100);
  frames.feed("%begin 1 2 1\n");
  for (int i = 0; i < 50; ++i) {
    frames.feed("0123456789\n");
  }
  frames.feed("%end 1 2 1\n%begin 1 3 1\nsmall\n%end 1 3 1\n");
  ASSERT_EQ(c.replies.size(), 2U);
  EXPECT_EQ(c.replies[0], (Collected::Seen{Outcome::oversized, true, ""}));
  EXPECT_EQ(c.replies[1], (Collected::Seen{Outcome::ok, true, "small\n"}));
}

TEST(ControlFrames, AnEndlessLineIsNeverBufferedWhole) {
  Collected c;
  auto frames = collector(c, 100);
  // Outside a block: dropped; inside: the reply is oversized.
  for (int i = 0; i < 1000; ++i) {
    frames.feed("garbage without a newline ");
  }
  frames.feed("\n%begin 1 2 1\n");
  for (int i = 0; i < 1000; ++i) {
    frames.feed("a screen line without end ");
  }
  frames.feed("\n%end 1 2 1\n");
  ASSERT_EQ(c.replies.size(), 1U);
  EXPECT_EQ(c.replies[0].outcome, Outcome::oversized);
}

TEST(ControlFrames, GarbageOutsideABlockIsSkipped) {
  Collected c;
  auto frames = collector(c);
  constexpr char k_noise[] = "\x1b[31mnot tmux\n%end 1 2 1\n%error 1 2 1\n\0\xff\n";
  frames.feed(std::string_view(k_noise, sizeof(k_noise) - 1));
  frames.feed("%begin 1 2 1\nscreen\n%end 1 2 1\n");
  ASSERT_EQ(c.replies.size(), 1U);
  EXPECT_EQ(c.replies[0].body, "screen\n");
}

TEST(ControlFrames, AReplyCutOffByTheEndOfTheStreamIsForgotten) {
  Collected c;
  auto frames = collector(c);
  frames.feed("%begin 1 2 1\nhalf a scr");
  EXPECT_TRUE(frames.discard_partial());
  frames.feed("een\n%end 1 2 1\n");
  EXPECT_TRUE(c.replies.empty()) << "the tail of the old reply is not a reply";
  frames.feed("%begin 1 3 1\nwhole\n%end 1 3 1\n");
  ASSERT_EQ(c.replies.size(), 1U);
  EXPECT_EQ(c.replies[0].body, "whole\n");
}

}  // namespace
}  // namespace harmony::bridge
