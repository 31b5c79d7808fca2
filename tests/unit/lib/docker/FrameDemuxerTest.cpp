#include <gtest/gtest.h>

#include <random>

#include "docker/FrameDemuxer.hpp"

namespace harmony::docker {
namespace {

using Stream = FrameDemuxer::Stream;

std::string frame(std::uint8_t type, std::string_view payload) {
  const auto size = static_cast<std::uint32_t>(payload.size());
  std::string bytes{static_cast<char>(type),
                    0,
                    0,
                    0,
                    static_cast<char>(size >> 24),
                    static_cast<char>(size >> 16),
                    static_cast<char>(size >> 8),
                    static_cast<char>(size)};
  return bytes + std::string(payload);
}

struct Collected {
  std::string out;
  std::string err;
  int pieces = 0;
};

FrameDemuxer collector(Collected& collected, std::size_t max_frame = 1 << 20) {
  return FrameDemuxer(
      [&collected](Stream stream, std::string_view payload) {
        (stream == Stream::stderr_stream ? collected.err : collected.out).append(payload);
        ++collected.pieces;
      },
      max_frame);
}

TEST(FrameDemuxer, SeparatesStdoutAndStderrFrames) {
  Collected c;
  auto demuxer = collector(c);
  demuxer.feed(frame(1, "hello\n") + frame(2, "oops\n") + frame(1, "world\n"));
  EXPECT_EQ(c.out, "hello\nworld\n");
  EXPECT_EQ(c.err, "oops\n");
  EXPECT_FALSE(demuxer.corrupt());
  EXPECT_FALSE(demuxer.mid_frame());
}

TEST(FrameDemuxer, GivesTheSameResultForEverySplitOfTheInput) {
  const std::string input =
      frame(1, "first line\n") + frame(2, "") + frame(2, "second\n") + frame(1, "x");
  std::mt19937 random(42);
  for (int round = 0; round < 200; ++round) {
    Collected c;
    auto demuxer = collector(c);
    std::size_t at = 0;
    while (at < input.size()) {
      const std::size_t take = std::min<std::size_t>(input.size() - at, random() % 9 + 1);
      demuxer.feed(std::string_view(input).substr(at, take));
      at += take;
    }
    ASSERT_EQ(c.out, "first line\nx");
    ASSERT_EQ(c.err, "second\n");
  }
}

TEST(FrameDemuxer, ReportsATruncatedFrameWithoutCrashing) {
  const std::string truncated_inputs[] = {
      frame(1, "abc").substr(0, 3),      // inside the header
      frame(1, "abcdef").substr(0, 10),  // inside the payload
  };
  for (const auto& input : truncated_inputs) {
    Collected c;
    auto demuxer = collector(c);
    demuxer.feed(input);
    EXPECT_TRUE(demuxer.mid_frame());
    EXPECT_FALSE(demuxer.corrupt());
  }
}

TEST(FrameDemuxer, DeliversAnOversizedFrameInBoundedPieces) {
  Collected c;
  auto demuxer = collector(c, 16);
  demuxer.feed(frame(1, std::string(100, 'a')) + frame(2, "e"));
  EXPECT_EQ(c.out, std::string(100, 'a'));
  EXPECT_EQ(c.err, "e");
  EXPECT_EQ(c.pieces, 8);  // ceil(100 / 16) = 7 pieces, then the stderr frame
}

TEST(FrameDemuxer, AHugeDeclaredSizeNeverAllocatesItUpFront) {
  Collected c;
  auto demuxer = collector(c, 64);
  std::string header{1, 0, 0, 0, '\xff', '\xff', '\xff', '\xff'};
  demuxer.feed(header + std::string(1000, 'z'));
  EXPECT_EQ(c.out.size(), 1000u);
  EXPECT_TRUE(demuxer.mid_frame());
}

TEST(FrameDemuxer, StopsAtAnInvalidHeader) {
  const std::string bad_headers[] = {
      std::string{7, 0, 0, 0, 0, 0, 0, 1} + "x",  // unknown stream type
      std::string{1, 9, 0, 0, 0, 0, 0, 1} + "x",  // non-zero padding
      "2021-01-01T00:00:00Z raw tty text\n",      // a raw (TTY) stream fed by mistake
  };
  for (const auto& input : bad_headers) {
    Collected c;
    auto demuxer = collector(c);
    demuxer.feed(input + frame(1, "after"));
    EXPECT_TRUE(demuxer.corrupt()) << input;
    EXPECT_EQ(c.out, "");
  }
}

}  // namespace
}  // namespace harmony::docker
