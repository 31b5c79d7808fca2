#include <gtest/gtest.h>

#include "fakes/FakeServiceBrowser.hpp"
#include "mdns/ClearWaiter.hpp"

namespace harmony::mdns {
namespace {

using namespace std::chrono_literals;

const std::string k_ours = "hifiberry-0123456789abcdef0123456789abcdef";

class ClearWaiterTest : public ::testing::Test {
 protected:
  ClearOutcome wait(ClearOptions options = {}) {
    if (options.name.empty()) {
      options.name = "hifiberry";
    }
    ClearWaiter waiter(m_browser, m_clock);
    auto outcome = waiter.wait(options);
    EXPECT_TRUE(outcome.ok());
    return outcome.ok() ? outcome.value() : ClearOutcome{};
  }

  fakes::FakeClock m_clock;
  fakes::FakeServiceBrowser m_browser{m_clock};
};

TEST_F(ClearWaiterTest, IsClearOneIntervalAfterAllForNowWhenTheNameIsAbsent) {
  m_browser.all_for_now_at(1s);
  const auto outcome = wait();
  EXPECT_EQ(outcome.verdict, ClearVerdict::clear);
  EXPECT_FALSE(outcome.by_goodbye);
  EXPECT_EQ(outcome.elapsed, 1s + 50ms);
  EXPECT_EQ(m_browser.browsed_type(), "_tidalconnect._tcp");
}

TEST_F(ClearWaiterTest, NeedsAllForNowBeforeSayingClear) {
  const auto outcome = wait(ClearOptions{"hifiberry", "_tidalconnect._tcp", 3s, 2, 100ms});
  EXPECT_EQ(outcome.verdict, ClearVerdict::timed_out);
  EXPECT_EQ(outcome.elapsed, 3s);
}

TEST_F(ClearWaiterTest, ConfirmsAsManyTimesAsAsked) {
  m_browser.all_for_now_at(1s);
  const auto outcome = wait(ClearOptions{"hifiberry", "_tidalconnect._tcp", 15s, 4, 250ms});
  EXPECT_EQ(outcome.verdict, ClearVerdict::clear);
  EXPECT_EQ(outcome.elapsed, 1s + 3 * 250ms);
}

TEST_F(ClearWaiterTest, ExitsAtOnceWhenTheLastMatchingInstanceIsRemoved) {
  m_browser.add_at(10ms, k_ours);
  m_browser.all_for_now_at(1s);
  m_browser.remove_at(4s, k_ours);
  const auto outcome = wait();
  EXPECT_EQ(outcome.verdict, ClearVerdict::clear);
  EXPECT_TRUE(outcome.by_goodbye);
  EXPECT_EQ(outcome.elapsed, 4s);
}

TEST_F(ClearWaiterTest, WaitsForEveryMatchingInstanceToGo) {
  m_browser.add_at(10ms, k_ours);
  m_browser.add_at(20ms, "hifiberry");
  m_browser.all_for_now_at(1s);
  m_browser.remove_at(2s, k_ours);
  m_browser.remove_at(3s, "hifiberry");
  EXPECT_EQ(wait().elapsed, 3s);
}

TEST_F(ClearWaiterTest, ARemoveBeforeAllForNowCountsAtAllForNow) {
  m_browser.add_at(0ms, k_ours);
  m_browser.remove_at(500ms, k_ours);
  m_browser.all_for_now_at(1s);
  const auto outcome = wait();
  EXPECT_EQ(outcome.verdict, ClearVerdict::clear);
  EXPECT_TRUE(outcome.by_goodbye);
  EXPECT_EQ(outcome.elapsed, 1s);
}

TEST_F(ClearWaiterTest, TimesOutNamingTheInstanceThatStayed) {
  m_browser.add_at(10ms, k_ours, /*local=*/true);
  m_browser.all_for_now_at(1s);
  const auto outcome = wait();
  EXPECT_EQ(outcome.verdict, ClearVerdict::timed_out);
  EXPECT_EQ(outcome.elapsed, 15s);
  ASSERT_EQ(outcome.still_visible.size(), 1U);
  EXPECT_EQ(outcome.still_visible[0].name, k_ours);
  EXPECT_TRUE(outcome.still_visible[0].local);
}

TEST_F(ClearWaiterTest, IsNotBlockedByALongerNameThatStartsWithOurs) {
  m_browser.add_at(10ms, "hifiberry2-0123456789abcdef0123456789abcdef");
  m_browser.all_for_now_at(1s);
  EXPECT_EQ(wait().verdict, ClearVerdict::clear);
}

TEST_F(ClearWaiterTest, MatchesANameWithASpace) {
  m_browser.add_at(10ms, "Living Room-0123456789abcdef0123456789abcdef");
  m_browser.all_for_now_at(1s);
  ClearOptions options;
  options.name = "Living Room";
  options.timeout = 5s;
  EXPECT_EQ(wait(options).verdict, ClearVerdict::timed_out);
}

TEST_F(ClearWaiterTest, ANewMatchDuringConfirmationStartsTheCountAgain) {
  m_browser.all_for_now_at(1s);
  m_browser.add_at(1s + 50ms, k_ours);
  const auto outcome = wait(ClearOptions{"hifiberry", "_tidalconnect._tcp", 5s, 2, 100ms});
  EXPECT_EQ(outcome.verdict, ClearVerdict::timed_out);
}

TEST_F(ClearWaiterTest, ForgetsWhatALostDaemonReported) {
  m_browser.add_at(10ms, k_ours);
  m_browser.all_for_now_at(1s);
  m_browser.at(2s, {BrowseEventKind::disconnected, {}, "lost avahi-daemon"});
  m_browser.all_for_now_at(3s);
  const auto outcome = wait();
  EXPECT_EQ(outcome.verdict, ClearVerdict::clear);
  EXPECT_EQ(outcome.elapsed, 3s + 50ms);
}

TEST_F(ClearWaiterTest, ReportsUnavailableWhenNoDaemonAnswers) {
  m_browser.fail_browse_with(make_error(ErrorKind::unavailable, "avahi-daemon is not reachable"));
  const auto outcome = wait();
  EXPECT_EQ(outcome.verdict, ClearVerdict::unavailable);
  EXPECT_EQ(outcome.message, "avahi-daemon is not reachable");
}

TEST_F(ClearWaiterTest, PassesAnInvalidTypeBackAsAnError) {
  m_browser.fail_browse_with(
      make_error(ErrorKind::usage, "cannot browse 'bad': Invalid service type"));
  ClearWaiter waiter(m_browser, m_clock);
  const auto outcome = waiter.wait(ClearOptions{"hifiberry", "bad", 1s, 2, 100ms});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().kind, ErrorKind::usage);
}

}  // namespace
}  // namespace harmony::mdns
