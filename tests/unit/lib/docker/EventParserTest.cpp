#include <gtest/gtest.h>

#include "docker/EventParser.hpp"
#include "docker/LineSplitter.hpp"

namespace harmony::docker {
namespace {

constexpr const char* k_health_event =
    R"({"status":"health_status: healthy","id":"abc123","from":"img","Type":"container",)"
    R"("Action":"health_status: healthy","Actor":{"ID":"abc123","Attributes":{"image":"img","name":"tidal_connect"}},)"
    R"("scope":"local","time":1700000000,"timeNano":1700000000123456789})";

TEST(EventParser, ReadsActionActorAndTime) {
  auto event = parse_event_line(k_health_event);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->action, "health_status: healthy");
  EXPECT_EQ(event->id, "abc123");
  EXPECT_EQ(event->name, "tidal_connect");
  EXPECT_EQ(event->time_nano, 1700000000123456789);
}

TEST(EventParser, IgnoresLinesThatAreNotContainerEvents) {
  const std::string full = k_health_event;
  const std::string rejected[] = {
      "",
      "{",
      full.substr(0, full.size() / 2),  // truncated mid-object
      "[1,2,3]",
      "null",
      R"({"Type":"network","Action":"connect","Actor":{"ID":"n1"}})",
      R"({"Type":"container","Actor":{"ID":"x"}})",               // no Action
      R"({"Type":"container","Action":"die","Actor":"x"})",       // Actor not an object
      R"({"Type":"container","Action":"die","Actor":{"ID":5}})",  // ID not a string
      std::string("\xff\xfe garbage \x00", 12),  // 12 bytes, the last an embedded NUL
  };
  for (const auto& line : rejected) {
    EXPECT_FALSE(parse_event_line(line).has_value()) << line;
  }
}

TEST(EventParser, ToleratesOddTypesInOptionalFields) {
  auto event = parse_event_line(
      R"({"Type":"container","Action":"die","Actor":{"ID":"a","Attributes":{"name":7}},"timeNano":"soon"})");
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->name, "");
  EXPECT_EQ(event->time_nano, 0);
}

TEST(EventParser, AnOversizedLineIsCutAndThenRejected) {
  // The event stream runs lines through a bounded LineSplitter before parsing.
  std::string huge =
      R"({"Type":"container","Action":")" + std::string(200'000, 'a') + R"(","Actor":{"ID":"x"}})";
  int parsed = 0;
  int truncated_lines = 0;
  LineSplitter splitter(
      [&](std::string_view line, bool truncated) {
        truncated_lines += truncated ? 1 : 0;
        parsed += !truncated && parse_event_line(line).has_value() ? 1 : 0;
      },
      64 * 1024);
  splitter.feed(huge + "\n" + k_health_event + "\n");
  EXPECT_EQ(truncated_lines, 1);
  EXPECT_EQ(parsed, 1);
}

}  // namespace
}  // namespace harmony::docker
