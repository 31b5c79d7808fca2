#include <gtest/gtest.h>

#include "fakes/FakeServiceBrowser.hpp"
#include "mdns/CollisionCheck.hpp"

namespace harmony::mdns {
namespace {

using namespace std::chrono_literals;

const std::string k_ours = "hifiberry-0123456789abcdef0123456789abcdef";

class CollisionCheckTest : public ::testing::Test {
 protected:
  CollisionReport check() {
    auto report = check_collision(m_browser, m_clock, CollisionOptions{"hifiberry"});
    EXPECT_TRUE(report.ok());
    return report.ok() ? report.value() : CollisionReport{};
  }

  fakes::FakeClock m_clock;
  fakes::FakeServiceBrowser m_browser{m_clock};
};

TEST_F(CollisionCheckTest, IsCleanWhenNobodyAdvertisesTheName) {
  m_browser.add_at(10ms, "hifiberry2-0123456789abcdef0123456789abcdef");
  m_browser.all_for_now_at(1s);
  const auto report = check();
  EXPECT_TRUE(report.clean());
  EXPECT_TRUE(report.complete);
}

TEST_F(CollisionCheckTest, NamesTheOtherHostAndItsAddress) {
  m_browser.add_at(10ms, k_ours);
  m_browser.resolves_to(k_ours, "speaker-a.local", "10.250.0.1");
  m_browser.all_for_now_at(1s);
  const auto report = check();
  EXPECT_FALSE(report.clean());
  ASSERT_EQ(report.remote.size(), 1U);
  EXPECT_TRUE(report.local.empty());
  EXPECT_EQ(describe(report.remote[0]),
            "'" + k_ours + "' on host speaker-a.local (10.250.0.1, port 2019)");
}

TEST_F(CollisionCheckTest, TellsAStaleLocalEntryFromARemoteOne) {
  m_browser.add_at(10ms, k_ours, /*local=*/true);
  m_browser.all_for_now_at(1s);
  const auto report = check();
  EXPECT_TRUE(report.remote.empty());
  ASSERT_EQ(report.local.size(), 1U);
  EXPECT_NE(describe(report.local[0]).find("not resolvable"), std::string::npos);
}

TEST_F(CollisionCheckTest, ReportsEachInstanceOnceAcrossProtocols) {
  m_browser.add_at(10ms, k_ours);
  m_browser.add_at(20ms, k_ours);  // same name, reported again (e.g. for IPv6)
  m_browser.all_for_now_at(1s);
  EXPECT_EQ(check().remote.size(), 1U);
}

TEST_F(CollisionCheckTest, IgnoresAnInstanceRemovedBeforeAllForNow) {
  m_browser.add_at(10ms, k_ours);
  m_browser.remove_at(500ms, k_ours);
  m_browser.all_for_now_at(1s);
  EXPECT_TRUE(check().clean());
}

TEST_F(CollisionCheckTest, IsNotCleanWhenNoDaemonAnswers) {
  m_browser.fail_browse_with(make_error(ErrorKind::unavailable, "no daemon"));
  const auto report = check();
  EXPECT_FALSE(report.clean());
  EXPECT_EQ(report.unavailable, "no daemon");
}

}  // namespace
}  // namespace harmony::mdns
