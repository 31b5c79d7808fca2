#include <gtest/gtest.h>

#include "RuleSet.hpp"
#include "Settings.hpp"

namespace harmony::watchdog {
namespace {

// The rules shipped in the tidal preset, so the test checks what users get.
RuleSet tidal_rules() {
  auto settings = load_settings(std::string(HARMONY_SOURCE_DIR) + "/docs/watchdog/tidal.yml");
  EXPECT_TRUE(settings.ok());
  auto rules = RuleSet::compile(settings->targets.at(0).rules);
  EXPECT_TRUE(rules.ok());
  return std::move(*rules);
}

std::string reason_of(const RuleSet& rules, std::string_view line) {
  auto match = rules.match(line);
  return match ? match->reason : std::string("none");
}

TEST(RuleSet, TokenExpiryInTheBinarysOwnWordingIsDetected) {
  const RuleSet rules = tidal_rules();
  EXPECT_EQ(reason_of(rules, "[2024-01-01 12:00:00] [error] Token is expired"), "token_expired");
  EXPECT_EQ(reason_of(rules, "The token has expired. (Expired on time)"), "token_expired");
  EXPECT_EQ(reason_of(rules, "{\"error\":\"invalid_grant\"}"), "token_expired");
  EXPECT_EQ(reason_of(rules, "Authentication request FAILED"), "token_expired");
}

TEST(RuleSet, ConnectionLossIsDetected) {
  const RuleSet rules = tidal_rules();
  EXPECT_EQ(reason_of(rules, "websocket handle_read_frame error: asio.misc:2"), "connection_lost");
  EXPECT_EQ(reason_of(rules, "recv error. socket disconnected"), "connection_lost");
  EXPECT_EQ(reason_of(rules, "connection to api.tidal.com refused"), "connection_lost");
}

TEST(RuleSet, NormalEndOfFileAloneIsNotAFailure) {
  const RuleSet rules = tidal_rules();
  EXPECT_EQ(reason_of(rules, "handle_read_frame error: asio.misc:2 End of file"), "none");
  EXPECT_EQ(reason_of(rules, "socket disconnected after normal shutdown"), "none");
  EXPECT_EQ(reason_of(rules, "STARTING TidalConnect services, version: 1.1.3"), "none");
}

TEST(RuleSet, EndOfFileLineDoesNotHideAnErrorOnTheNextLineInTheSameSecond) {
  // The original script applied the exclusion to its whole 30 s window; here it is per line.
  const RuleSet rules = tidal_rules();
  const std::vector<std::string> same_second = {
      "[12:00:01.100] asio.misc:2 End of file",
      "[12:00:01.400] handle_read_frame error",
  };
  EXPECT_EQ(reason_of(rules, same_second[0]), "none");
  EXPECT_EQ(reason_of(rules, same_second[1]), "connection_lost");
}

TEST(RuleSet, MegabyteLineIsMatchedSafely) {
  const RuleSet rules = tidal_rules();
  std::string line(1 << 20, 'x');
  EXPECT_EQ(reason_of(rules, line), "none");
  line.replace(line.size() - 20, 16, "Token is expired");
  EXPECT_EQ(reason_of(rules, line), "token_expired");
}

TEST(RuleSet, InvalidUtf8IsMatchedByteWise) {
  const RuleSet rules = tidal_rules();
  const std::string line = std::string("\xff\xfe\xc3(") + "Token is expired" + "\x80\xbf";
  EXPECT_EQ(reason_of(rules, line), "token_expired");
  EXPECT_EQ(reason_of(rules, std::string("\xff\xfe\xc0\xaf")), "none");
}

TEST(RuleSet, CaseSensitiveRuleHonoursCase) {
  RuleSettings rule{"r", {"Fatal"}, {}, false, 1};
  auto rules = RuleSet::compile({rule});
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules->match("Fatal error").has_value());
  EXPECT_FALSE(rules->match("fatal error").has_value());
}

TEST(RuleSet, FirstMatchingRuleWinsAndNamesItsPattern) {
  auto rules = RuleSet::compile({{"a", {"foo", "bar"}, {}, true, 1}, {"b", {"bar"}, {}, true, 2}});
  ASSERT_TRUE(rules.ok());
  auto match = rules->match("xx bar yy");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->reason, "a");
  EXPECT_EQ(match->pattern, "bar");
}

TEST(RuleSet, PatternProblemExplainsTheError) {
  EXPECT_EQ(pattern_problem("a+b", true), "");
  EXPECT_NE(pattern_problem("(a", true), "");
  EXPECT_NE(pattern_problem("", true), "");
}

}  // namespace
}  // namespace harmony::watchdog
