#include <gtest/gtest.h>

#include "Options.hpp"

namespace harmony::harmonyctl {
namespace {

TEST(HarmonyctlOptions, StatusDefaultsToTheTidalStackWithABoundedTimeout) {
  auto parsed = parse_options({"status"});
  ASSERT_TRUE(parsed.options) << parsed.message;
  EXPECT_EQ(parsed.options->command, Command::status);
  EXPECT_EQ(parsed.options->stack.unit, "tidal.service");
  EXPECT_EQ(parsed.options->stack.container, "tidal_connect");
  EXPECT_EQ(parsed.options->timeout, std::chrono::seconds(3));
  EXPECT_EQ(parsed.options->env_file, "/etc/tidal-connect/tidal.env");
  EXPECT_FALSE(parsed.options->json);
}

TEST(HarmonyctlOptions, HarmonyStackWithJsonAndTimeout) {
  auto parsed = parse_options({"status", "harmony", "--json", "--timeout", "500ms"});
  ASSERT_TRUE(parsed.options) << parsed.message;
  EXPECT_EQ(parsed.options->stack.unit, "harmony.service");
  EXPECT_EQ(parsed.options->stack.watchdog_url, "http://127.0.0.1:9621/health");
  EXPECT_TRUE(parsed.options->json);
  EXPECT_EQ(parsed.options->timeout, std::chrono::milliseconds(500));
}

TEST(HarmonyctlOptions, UnknownStackIsAUsageErrorNamingIt) {
  auto parsed = parse_options({"status", "spotify"});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, 64);
  EXPECT_NE(parsed.message.find("unknown stack 'spotify'"), std::string::npos) << parsed.message;
}

TEST(HarmonyctlOptions, NonPositiveOrGarbledTimeoutIsAUsageError) {
  for (const char* bad : {"0", "-1s", "soon"}) {
    auto parsed = parse_options({"status", "--timeout", bad});
    EXPECT_EQ(parsed.exit_code, 64) << bad;
    EXPECT_NE(parsed.message.find("--timeout"), std::string::npos) << parsed.message;
  }
}

TEST(HarmonyctlOptions, WatchdogUrlMustBeHttp) {
  auto moved = parse_options({"status", "--watchdog-url", "http://127.0.0.1:4000/health"});
  ASSERT_TRUE(moved.options) << moved.message;
  EXPECT_EQ(moved.options->stack.watchdog_url, "http://127.0.0.1:4000/health");
  auto bad = parse_options({"status", "--watchdog-url", "file:///etc/passwd"});
  EXPECT_EQ(bad.exit_code, 64);
  EXPECT_NE(bad.message.find("--watchdog-url"), std::string::npos) << bad.message;
}

TEST(HarmonyctlOptions, ContainerNameIsExactAndValidated) {
  auto named = parse_options({"status", "--container", "speaker_2"});
  ASSERT_TRUE(named.options) << named.message;
  EXPECT_EQ(named.options->stack.container, "speaker_2");
  auto bad = parse_options({"status", "--container", "/tidal connect"});
  EXPECT_EQ(bad.exit_code, 64);
  EXPECT_NE(bad.message.find("not a valid container name"), std::string::npos) << bad.message;
}

TEST(HarmonyctlOptions, NoCommandIsAUsageError) {
  auto parsed = parse_options({});
  EXPECT_FALSE(parsed.options);
  EXPECT_EQ(parsed.exit_code, 64);
}

TEST(HarmonyctlOptions, FixNameCollisionIsOnlyForTheSpeaker) {
  auto fix = parse_options({"fix-name-collision", "--clear-timeout", "10s"});
  ASSERT_TRUE(fix.options) << fix.message;
  EXPECT_EQ(fix.options->command, Command::fix_name_collision);
  EXPECT_EQ(fix.options->clear_timeout, std::chrono::seconds(10));
}

TEST(HarmonyctlOptions, HelpOfASubcommandDescribesIt) {
  auto parsed = parse_options({"fix-name-collision", "--help"});
  EXPECT_EQ(parsed.exit_code, 0);
  EXPECT_NE(parsed.message.find("--clear-timeout"), std::string::npos) << parsed.message;
}

}  // namespace
}  // namespace harmony::harmonyctl
