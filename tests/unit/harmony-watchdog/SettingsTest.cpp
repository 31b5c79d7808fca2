#include <gtest/gtest.h>

#include "Settings.hpp"
#include "core/ExitCode.hpp"

namespace harmony::watchdog {
namespace {

std::string preset(const std::string& name) {
  return std::string(HARMONY_SOURCE_DIR) + "/docs/watchdog/" + name + ".yml";
}

Error error_of(const std::string& yaml) {
  auto settings = parse_settings(yaml, "watchdog.yml");
  EXPECT_FALSE(settings.ok());
  return settings ? Error{} : settings.error();
}

constexpr const char* k_minimal = R"(targets:
  - name: t
    unit: t.service
    container: t_c
)";

TEST(WatchdogSettings, TidalPresetMatchesTheIssue) {
  auto settings = load_settings(preset("tidal"));
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  ASSERT_EQ(settings->targets.size(), 1u);
  const TargetSettings& tidal = settings->targets[0];
  EXPECT_EQ(tidal.unit, "tidal.service");
  EXPECT_EQ(tidal.container, "tidal_connect");
  EXPECT_EQ(tidal.process, "tidal_connect_application");
  EXPECT_EQ(tidal.dependents, std::vector<std::string>{"tidal-volume-bridge.service"});
  ASSERT_TRUE(tidal.mdns.has_value());
  EXPECT_EQ(tidal.mdns->type, "_tidalconnect._tcp");
  ASSERT_EQ(tidal.rules.size(), 2u);
  EXPECT_EQ(tidal.rules[0].reason, "token_expired");
  EXPECT_EQ(tidal.rules[1].unless.size(), 2u);
  EXPECT_EQ(tidal.policy.give_up_restarts, 5);
  EXPECT_EQ(tidal.policy.give_up_window, std::chrono::minutes(30));
  EXPECT_EQ(settings->http.port, 9620);
}

TEST(WatchdogSettings, HarmonyPresetProbesLivenessNotReadiness) {
  auto settings = load_settings(preset("harmony"));
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  const TargetSettings& harmony = settings->targets.at(0);
  EXPECT_EQ(harmony.unit, "harmony.service");
  EXPECT_EQ(harmony.container, "harmony");
  ASSERT_TRUE(harmony.health.has_value());
  EXPECT_EQ(harmony.health->url, "http://127.0.0.1:8080/api/health/live");
  // Readiness fails while slskd is away; restarting harmonyd would not bring slskd back.
  EXPECT_EQ(harmony.health->url.find("/ready"), std::string::npos);
}

TEST(WatchdogSettings, DefaultsApplyWhenOnlyTheRequiredKeysAreGiven) {
  auto settings = parse_settings(k_minimal, "watchdog.yml");
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->targets[0].policy.give_up_restarts, 5);
  EXPECT_EQ(settings->targets[0].policy.give_up_window, std::chrono::minutes(30));
  EXPECT_EQ(settings->http.port, 0);
}

TEST(WatchdogSettings, InvalidYamlNamesFileAndLine) {
  const Error error = error_of("targets:\n  - name: [unclosed\n");
  EXPECT_EQ(exit_code_for(error.kind), exit_code::k_config);
  EXPECT_NE(error.message.find("watchdog.yml:"), std::string::npos) << error.message;
}

TEST(WatchdogSettings, UnknownKeyNamesKeyAndLine) {
  const Error error = error_of(std::string(k_minimal) + "    polcy: {grace: 5s}\n");
  EXPECT_EQ(exit_code_for(error.kind), exit_code::k_config);
  EXPECT_NE(error.message.find("watchdog.yml:5: targets[0].polcy: unknown key"), std::string::npos)
      << error.message;
}

TEST(WatchdogSettings, PatternThatDoesNotCompileIsRejected) {
  const Error error = error_of(std::string(k_minimal) +
                               "    rules:\n      - reason: r\n        patterns: ['(unclosed']\n");
  EXPECT_EQ(exit_code_for(error.kind), exit_code::k_config);
  EXPECT_NE(error.message.find("watchdog.yml:7: targets[0].rules[0].patterns: pattern '(unclosed'"),
            std::string::npos)
      << error.message;
}

TEST(WatchdogSettings, MalformedDurationNamesKeyAndLine) {
  const Error error = error_of(std::string(k_minimal) + "    policy:\n      grace: 5x\n");
  EXPECT_EQ(exit_code_for(error.kind), exit_code::k_config);
  EXPECT_NE(error.message.find("watchdog.yml:6: targets[0].policy.grace: '5x' is not a duration"),
            std::string::npos)
      << error.message;
}

TEST(WatchdogSettings, MissingRequiredKeyIsNamed) {
  const Error error = error_of("targets:\n  - name: t\n    unit: t.service\n");
  EXPECT_NE(error.message.find("targets[0].container: is required"), std::string::npos)
      << error.message;
}

TEST(WatchdogSettings, DuplicateTargetNamesAreRejected) {
  const Error error =
      error_of(std::string(k_minimal) + "  - name: t\n    unit: u\n    container: c\n");
  EXPECT_NE(error.message.find("'t' is used by two targets"), std::string::npos) << error.message;
}

TEST(WatchdogSettings, NonLoopbackEndpointIsRejected) {
  const Error error = error_of(std::string("http: {host: 0.0.0.0, port: 9000}\n") + k_minimal);
  EXPECT_NE(error.message.find("http.host"), std::string::npos) << error.message;
}

TEST(WatchdogSettings, MdnsNeedsExactlyOneOfNameOrEnvFile) {
  const Error error = error_of(std::string(k_minimal) + "    mdns: {type: _x._tcp}\n");
  EXPECT_NE(error.message.find("exactly one of `name` or `env_file`"), std::string::npos)
      << error.message;
}

TEST(WatchdogSettings, MissingFileIsAConfigurationError) {
  auto settings = load_settings("/nonexistent/watchdog.yml");
  ASSERT_FALSE(settings.ok());
  EXPECT_EQ(settings.error().kind, ErrorKind::config);
  EXPECT_NE(settings.error().message.find("/nonexistent/watchdog.yml"), std::string::npos);
}

}  // namespace
}  // namespace harmony::watchdog
