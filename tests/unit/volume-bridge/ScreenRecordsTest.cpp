#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ScreenRecords.hpp"

namespace harmony::bridge {
namespace {

constexpr char k_rs = ScreenRecords::k_record_separator;

struct Collected {
  std::vector<std::string> captures;
  int oversized = 0;
};

ScreenRecords collector(Collected& collected, std::size_t max_record = 64 * 1024) {
  return ScreenRecords(
      [&collected](std::string_view capture, bool oversized) {
        if (oversized) {
          ++collected.oversized;
          EXPECT_TRUE(capture.empty());
        } else {
          collected.captures.emplace_back(capture);
        }
      },
      max_record);
}

TEST(ScreenRecords, SplitsTheStreamAtEachSeparator) {
  Collected c;
  auto records = collector(c);
  records.feed(std::string("one\nline\n") + k_rs + "two\n" + k_rs + k_rs);
  EXPECT_EQ(c.captures, (std::vector<std::string>{"one\nline\n", "two\n", ""}));
  EXPECT_FALSE(records.discard_partial());
}

TEST(ScreenRecords, GivesTheSameCapturesForEverySplitOfTheInput) {
  const std::string input = std::string("┌── screen ──┐\n") + k_rs + "second" + k_rs;
  for (std::size_t piece = 1; piece <= input.size(); ++piece) {
    Collected c;
    auto records = collector(c);
    for (std::size_t at = 0; at < input.size(); at += piece) {
      records.feed(std::string_view(input).substr(at, piece));
    }
    ASSERT_EQ(c.captures, (std::vector<std::string>{"┌── screen ──┐\n", "second"}))
        << "pieces of " << piece;
  }
}

TEST(ScreenRecords, AnOversizedCaptureIsReportedWithoutItsTextAndTheNextOneIsWhole) {
  Collected c;
  auto records = collector(c, 16);
  records.feed(std::string(10, 'a'));
  records.feed(std::string(10, 'b'));  // now over the bound: dropped, not buffered
  records.feed(std::string(1000, 'c') + k_rs + "fine" + k_rs);
  EXPECT_EQ(c.oversized, 1);
  EXPECT_EQ(c.captures, (std::vector<std::string>{"fine"}));
}

TEST(ScreenRecords, ACaptureOfExactlyTheBoundIsKept) {
  Collected c;
  auto records = collector(c, 16);
  records.feed(std::string(16, 'x') + k_rs);
  EXPECT_EQ(c.oversized, 0);
  EXPECT_EQ(c.captures, (std::vector<std::string>{std::string(16, 'x')}));
}

TEST(ScreenRecords, ATruncatedCaptureIsNeverDeliveredAndCanBeDiscarded) {
  Collected c;
  auto records = collector(c);
  records.feed(std::string("whole") + k_rs + "cut of");
  EXPECT_EQ(c.captures, (std::vector<std::string>{"whole"}));
  EXPECT_TRUE(records.discard_partial());
  records.feed(std::string("f") + k_rs);
  EXPECT_EQ(c.captures, (std::vector<std::string>{"whole", "f"}))
      << "the cut capture's start is gone";
}

}  // namespace
}  // namespace harmony::bridge
