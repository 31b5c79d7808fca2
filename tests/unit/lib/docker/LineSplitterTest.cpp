#include <gtest/gtest.h>

#include <vector>

#include "docker/LineSplitter.hpp"

namespace harmony::docker {
namespace {

struct Line {
  std::string text;
  bool truncated;
  bool operator==(const Line&) const = default;
};

TEST(LineSplitter, JoinsPiecesAndDropsCarriageReturns) {
  std::vector<Line> lines;
  LineSplitter splitter([&](std::string_view text, bool truncated) {
    lines.push_back({std::string(text), truncated});
  });
  splitter.feed("one\r\ntw");
  splitter.feed("o\n\nthree");
  splitter.finish();
  EXPECT_EQ(lines,
            (std::vector<Line>{{"one", false}, {"two", false}, {"", false}, {"three", false}}));
}

TEST(LineSplitter, CutsAnOversizedLineAndKeepsTheNextOne) {
  std::vector<Line> lines;
  LineSplitter splitter(
      [&](std::string_view text, bool truncated) {
        lines.push_back({std::string(text), truncated});
      },
      4);
  splitter.feed("abcdefgh");
  splitter.feed("ijk\nok\n");
  EXPECT_EQ(lines, (std::vector<Line>{{"abcd", true}, {"ok", false}}));
}

}  // namespace
}  // namespace harmony::docker
