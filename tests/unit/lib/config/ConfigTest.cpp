#include <gtest/gtest.h>

#include "config/Config.hpp"

namespace harmony::config {
namespace {

Layer layer(std::string name, std::map<std::string, std::string> values) {
  Layer out{name, {}};
  int line = 1;
  for (auto& [key, value] : values) {
    out.entries[key] = Entry{value, Origin{name, name == "environment" ? 0 : line++}};
  }
  return out;
}

TEST(Config, EnvironmentBeatsDotEnvBeatsYaml) {
  Config config;
  config.add_layer(layer("harmony.yml", {{"APP_PORT", "1001"}, {"A", "yaml"}, {"B", "yaml"}}));
  config.add_layer(layer(".env", {{"APP_PORT", "1002"}, {"A", "env-file"}}));
  config.add_layer(layer("environment", {{"APP_PORT", "1003"}}));
  EXPECT_EQ(*config.get_int("APP_PORT", 0, 1, 65535), 1003);
  EXPECT_EQ(*config.get_string("A", ""), "env-file");
  EXPECT_EQ(*config.get_string("B", ""), "yaml");
  EXPECT_EQ(*config.get_string("C", "default"), "default");
  EXPECT_EQ(config.origin_of("A"), ".env:1");
  EXPECT_EQ(config.origin_of("C"), "default");
}

TEST(Config, BadIntegerNamesKeyValueAndSource) {
  Config config;
  config.add_layer(layer("/config/harmony.yml", {{"APP_PORT", "80a"}}));
  auto port = config.get_int("APP_PORT", 8080, 1, 65535);
  ASSERT_FALSE(port.ok());
  EXPECT_EQ(port.error().kind, ErrorKind::config);
  EXPECT_EQ(port.error().message,
            "invalid value '80a' for key 'APP_PORT' in /config/harmony.yml:1: expected a whole "
            "number from 1 to 65535");
}

TEST(Config, OutOfRangeIntegerIsRejected) {
  Config config;
  config.add_layer(layer("environment", {{"APP_PORT", "70000"}}));
  auto port = config.get_int("APP_PORT", 8080, 1, 65535);
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.error().message.find("in environment"), std::string::npos);
}

TEST(Config, BadSecretValueIsNotQuotedInTheError) {
  Config config;
  config.add_layer(layer("environment", {{"SLSKD_API_KEY_TIMEOUT", "s3cr3t"}}));
  auto value = config.get_int("SLSKD_API_KEY_TIMEOUT", 1, 1, 10);
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().message.find("s3cr3t"), std::string::npos);
  EXPECT_NE(value.error().message.find("[redacted]"), std::string::npos);
}

TEST(Config, BooleansAcceptTheUsualSpellings) {
  Config config;
  config.add_layer(layer("environment", {{"A", "Yes"}, {"B", "off"}, {"C", "maybe"}}));
  EXPECT_TRUE(*config.get_bool("A", false));
  EXPECT_FALSE(*config.get_bool("B", true));
  EXPECT_FALSE(config.get_bool("C", true).ok());
  EXPECT_TRUE(*config.get_bool("D", true));
}

TEST(Config, DurationsAndDoublesAreValidated) {
  Config config;
  config.add_layer(
      layer("watchdog.yml", {{"COOLDOWN", "1m30s"}, {"BAD", "5x"}, {"RATIO", "0.25"}}));
  EXPECT_EQ(config.get_duration("COOLDOWN", {})->count(), 90'000);
  auto bad = config.get_duration("BAD", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("'BAD' in watchdog.yml:1"), std::string::npos)
      << bad.error().message;
  EXPECT_DOUBLE_EQ(*config.get_double("RATIO", 0, 0, 1), 0.25);
  EXPECT_FALSE(config.get_double("RATIO", 0, 0.5, 1).ok());
}

TEST(Config, ListsAreSplitOnCommasAndTrimmed) {
  Config config;
  config.add_layer(layer("environment", {{"ORIGINS", " a.example , ,b.example "}}));
  const auto list = *config.get_list("ORIGINS", {});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], "a.example");
  EXPECT_EQ(list[1], "b.example");
  EXPECT_EQ(config.get_list("NONE", {"x"})->size(), 1u);
}

TEST(Config, UnknownKeysComeFromFilesOnlyWithTheirOrigin) {
  Config config;
  config.add_layer(layer("harmony.yml", {{"APP_PORT", "1"}, {"APP_PROT", "2"}}));
  config.add_layer(layer("environment", {{"PATH", "/usr/bin"}}));
  const auto unknown = config.unknown_keys({"APP_PORT"});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].first, "APP_PROT");
  EXPECT_EQ(unknown[0].second.describe(), "harmony.yml:2");
}

}  // namespace
}  // namespace harmony::config
