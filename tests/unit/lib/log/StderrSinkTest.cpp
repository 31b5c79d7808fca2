#include <gtest/gtest.h>

#include "log/StderrSink.hpp"

namespace harmony::log {
namespace {

TEST(StderrSink, FormatsProgramLevelMessageAndFields) {
  StderrSink sink("harmonyd");
  const std::string line = sink.format(
      {Level::warning, "music directory is not writable", {{"PATH", "/music"}, {"UID", "1000"}}});
  EXPECT_EQ(line, "harmonyd: warning: music directory is not writable (PATH=/music, UID=1000)");
}

TEST(StderrSink, LeavesOutTheLevelForInfo) {
  StderrSink sink("harmonyd");
  EXPECT_EQ(sink.format({Level::info, "listening", {}}), "harmonyd: listening");
}

TEST(StderrSink, EscapesControlCharactersSoRemoteTextCannotForgeLines) {
  StderrSink sink("watchdog");
  const std::string line =
      sink.format({Level::error, "matched", {{"LINE", "evil\nharmonyd: fake record\x1b[31m"}}});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
  EXPECT_NE(line.find("evil\\nharmonyd: fake record\\x1b[31m"), std::string::npos);
}

}  // namespace
}  // namespace harmony::log
