#include <gtest/gtest.h>

#include "MdnsSurvey.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeServiceBrowser.hpp"

namespace harmony::harmonyctl {
namespace {

using std::chrono::milliseconds;

constexpr const char* k_hex = "0123456789abcdef0123456789abcdef";

TEST(MdnsSurvey, MatchesTheNameItsDeviceIdFormAndAvahisRenamedTwin) {
  bool renamed = true;
  EXPECT_TRUE(matches_name("Den", "Den", &renamed));
  EXPECT_FALSE(renamed);
  EXPECT_TRUE(matches_name("Den", std::string("Den-") + k_hex, &renamed));
  EXPECT_FALSE(renamed);
  EXPECT_TRUE(matches_name("Den", std::string("Den-") + k_hex + " #2", &renamed));
  EXPECT_TRUE(renamed);
  EXPECT_TRUE(matches_name("Den", "Den #12", &renamed));
  EXPECT_FALSE(matches_name("Den", "Den2", &renamed));
  EXPECT_FALSE(matches_name("Den", "Den #", &renamed));
  EXPECT_FALSE(matches_name("Den", "Den #x", &renamed));
  EXPECT_FALSE(matches_name("Den", std::string("Den 2-") + k_hex, &renamed));
  EXPECT_FALSE(matches_name("D.n", "Den", &renamed));
}

TEST(MdnsSurvey, CountsAnInstanceOnceAcrossInterfacesAndForgetsRemovedOnes) {
  fakes::FakeClock clock;
  fakes::FakeServiceBrowser browser(clock);
  const std::string ours = std::string("Den-") + k_hex;
  mdns::ServiceInstance v4{ours, "_tidalconnect._tcp", "local", 2, 0, true, false};
  mdns::ServiceInstance v6 = v4;
  v6.protocol = 1;
  browser.at(milliseconds(1), {mdns::BrowseEventKind::added, v4, {}});
  browser.at(milliseconds(2), {mdns::BrowseEventKind::added, v6, {}});
  browser.add_at(milliseconds(3), "Den #2", true);
  browser.remove_at(milliseconds(4), "Den #2", true);
  browser.all_for_now_at(milliseconds(900));
  auto survey = survey_name(browser, clock, "Den", "_tidalconnect._tcp", milliseconds(3000));
  ASSERT_TRUE(survey.ok()) << survey.error().message;
  EXPECT_TRUE(survey->complete);
  ASSERT_EQ(survey->instances.size(), 1u);
  EXPECT_TRUE(survey->exactly_one_local());
  EXPECT_FALSE(survey->collision());
}

TEST(MdnsSurvey, CacheDepthAnswersAtCacheExhaustedNetworkDepthWaitsForAllForNow) {
  fakes::FakeClock clock;
  fakes::FakeServiceBrowser browser(clock);
  browser.add_at(milliseconds(1), "Den", true);
  browser.at(milliseconds(5), {mdns::BrowseEventKind::cache_exhausted, {}, {}});
  browser.add_at(milliseconds(400), "Den #2", false);
  browser.all_for_now_at(milliseconds(1000));
  auto start = clock.now();
  auto cached = survey_name(browser, clock, "Den", "_tidalconnect._tcp", milliseconds(3000),
                            SurveyDepth::cache);
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(clock.now() - start, milliseconds(5));
  EXPECT_EQ(cached->instances.size(), 1u);
  start = clock.now();
  auto network = survey_name(browser, clock, "Den", "_tidalconnect._tcp", milliseconds(3000));
  ASSERT_TRUE(network.ok());
  EXPECT_EQ(clock.now() - start, milliseconds(1000));
  EXPECT_EQ(network->instances.size(), 2u);
}

TEST(MdnsSurvey, StopsAtTheTimeoutWithAPartialAnswer) {
  fakes::FakeClock clock;
  fakes::FakeServiceBrowser browser(clock);
  browser.add_at(milliseconds(10), "Den", true);
  const auto start = clock.now();
  auto survey = survey_name(browser, clock, "Den", "_tidalconnect._tcp", milliseconds(700));
  ASSERT_TRUE(survey.ok());
  EXPECT_FALSE(survey->complete);
  EXPECT_EQ(clock.now() - start, milliseconds(700));
}

TEST(MdnsSurvey, BrowserFailureIsUnavailable) {
  fakes::FakeClock clock;
  fakes::FakeServiceBrowser browser(clock);
  browser.at(milliseconds(1), {mdns::BrowseEventKind::failure, {}, "Daemon not running"});
  auto survey = survey_name(browser, clock, "Den", "_tidalconnect._tcp", milliseconds(700));
  ASSERT_FALSE(survey.ok());
  EXPECT_EQ(survey.error().kind, ErrorKind::unavailable);
  EXPECT_NE(survey.error().message.find("Daemon not running"), std::string::npos);
}

}  // namespace
}  // namespace harmony::harmonyctl
