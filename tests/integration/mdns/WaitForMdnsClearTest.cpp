#include <csignal>

#include <gtest/gtest.h>

#include "Testbed.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

const std::string k_hex = "0123456789abcdef0123456789abcdef";

std::string tool() {
  return build_path("tools/wait-for-mdns-clear/wait-for-mdns-clear");
}

class WaitForMdnsClear : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    m_testbed = Testbed::shared(why);
    HARMONY_REQUIRE(m_testbed != nullptr, why);
  }

  std::unique_ptr<Testbed> m_testbed;
};

TEST_F(WaitForMdnsClear, ExitsZeroSoonAfterThePublisherSaysGoodbye) {
  const std::string name = "goodbye-" + k_hex;
  auto publisher = m_testbed->publish('A', name);
  ASSERT_TRUE(publisher);
  auto waiter = m_testbed->run_on(
      'B', tool(), {"--name", "goodbye", "--timeout", "20s", "--log-level", "debug"});
  ASSERT_TRUE(waiter->wait_for_output("NEW '" + name + "'", 5s)) << waiter->output();
  ASSERT_FALSE(waiter->wait_for_exit(200ms).has_value())
      << "must wait while the name is advertised";

  publisher->signal(SIGTERM);  // avahi-publish frees its entry group: the daemon sends a goodbye
  const auto done = run_to_end(*waiter, 10s);
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_NE(done.output.find("said goodbye"), std::string::npos) << done.output;
  // The timing target (<= 1.5 s) is measured in bench/mdns; here: well before the 20 s timeout.
  EXPECT_LT(done.elapsed, 5s) << done.output;
}

TEST_F(WaitForMdnsClear, IsNotBlockedByALongerNameThatStartsWithOurs) {
  auto publisher = m_testbed->publish('A', "hifiberry2-" + k_hex);
  ASSERT_TRUE(publisher);
  // Proves B does see the other speaker...
  auto seen = m_testbed->run_on('B', tool(), {"--check-collision", "--name", "hifiberry2"});
  ASSERT_EQ(run_to_end(*seen, 10s).exit_code, 1) << seen->output();
  // ...and that it does not hold up "hifiberry".
  auto waiter = m_testbed->run_on('B', tool(), {"hifiberry", "10", "--strict"});
  const auto done = run_to_end(*waiter, 15s);
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_NE(done.output.find("is clear after"), std::string::npos) << done.output;
}

TEST_F(WaitForMdnsClear, MatchesANameWithASpace) {
  auto publisher = m_testbed->publish('A', "Living Room-" + k_hex);
  ASSERT_TRUE(publisher);
  auto waiter =
      m_testbed->run_on('B', tool(), {"--name", "Living Room", "--timeout", "2s", "--strict"});
  const auto done = run_to_end(*waiter, 10s);
  EXPECT_EQ(done.exit_code, 1) << done.output;
  EXPECT_NE(done.output.find("'Living Room-" + k_hex + "' (another host)"), std::string::npos)
      << done.output;
}

TEST_F(WaitForMdnsClear, ReadsTheNameFromTheEnvironmentAndFromAnEnvFile) {
  auto publisher = m_testbed->publish('A', "envname-" + k_hex);
  ASSERT_TRUE(publisher);
  TempDir dir;
  const auto file = dir.write("tidal.env", "MODEL_NAME=x\nFRIENDLY_NAME=\"envname\"\n");
  auto from_file =
      m_testbed->run_on('B', tool(), {"--env-file", file, "--timeout", "2s", "--strict"});
  const auto file_done = run_to_end(*from_file, 10s);
  EXPECT_EQ(file_done.exit_code, 1) << file_done.output;
  EXPECT_NE(file_done.output.find(file + ":2"), std::string::npos) << file_done.output;

  auto from_env = m_testbed->run_on(
      'B', "/usr/bin/env", {"FRIENDLY_NAME=envname", tool(), "--timeout", "2s", "--strict"});
  const auto env_done = run_to_end(*from_env, 10s);
  EXPECT_EQ(env_done.exit_code, 1) << env_done.output;
  EXPECT_NE(env_done.output.find("NAME_ORIGIN=environment"), std::string::npos) << env_done.output;
}

TEST_F(WaitForMdnsClear, ReportsASecondHostAdvertisingTheSameName) {
  const std::string name = "collide-" + k_hex;
  auto publisher = m_testbed->publish('A', name);
  ASSERT_TRUE(publisher);
  auto check = m_testbed->run_on('B', tool(), {"--check-collision", "--name", "collide"});
  const auto done = run_to_end(*check, 10s);
  EXPECT_EQ(done.exit_code, 1) << done.output;
  EXPECT_NE(done.output.find("another host advertises '" + name + "' on host " +
                             m_testbed->get("MDNS_HOST_A") + ".local (" +
                             m_testbed->get("MDNS_ADDR_A") + ", port 2019)"),
            std::string::npos)
      << done.output;
}

TEST_F(WaitForMdnsClear, ReportsAStaleEntryOfItsOwnHost) {
  auto publisher = m_testbed->publish('B', "ownstale-" + k_hex);
  ASSERT_TRUE(publisher);
  auto check = m_testbed->run_on('B', tool(), {"--check-collision", "--name", "ownstale"});
  const auto done = run_to_end(*check, 10s);
  EXPECT_EQ(done.exit_code, 1) << done.output;
  EXPECT_NE(done.output.find("stale entry of this host"), std::string::npos) << done.output;
  EXPECT_EQ(done.output.find("another host"), std::string::npos) << done.output;
}

TEST_F(WaitForMdnsClear, CollisionCheckIsCleanWhenNobodyHasTheName) {
  auto check = m_testbed->run_on('B', tool(), {"--check-collision", "--name", "nobody-here"});
  const auto done = run_to_end(*check, 10s);
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_NE(done.output.find("no collision"), std::string::npos) << done.output;
}

TEST_F(WaitForMdnsClear, RejectsAFriendlyNameTooLongForTheDnsLabel) {
  auto waiter = m_testbed->run_on('B', tool(), {"--name", std::string(31, 'x')});
  const auto done = run_to_end(*waiter, 10s);
  EXPECT_EQ(done.exit_code, 64) << done.output;
  EXPECT_NE(done.output.find("63-byte DNS label"), std::string::npos) << done.output;
}

TEST_F(WaitForMdnsClear, RejectsARelativeEnvFile) {
  auto waiter = m_testbed->run_on('B', tool(), {"--env-file", "Docker/.env"});
  const auto done = run_to_end(*waiter, 10s);
  EXPECT_EQ(done.exit_code, 64) << done.output;
  EXPECT_NE(done.output.find("not an absolute path"), std::string::npos) << done.output;
}

// The stale-registration and no-daemon cases kill daemons, so they get a testbed of their own.
TEST(WaitForMdnsClearStale, WaitsOutAStaleEntryThenFollowsTheFailOpenOrStrictPolicy) {
  std::string why;
  auto testbed = Testbed::make_private(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  const std::string name = "stale-" + k_hex;
  auto publisher = testbed->publish('A', name);
  ASSERT_TRUE(publisher);
  auto seen = testbed->run_on('B', tool(), {"--check-collision", "--name", "stale"});
  ASSERT_EQ(run_to_end(*seen, 10s).exit_code, 1) << seen->output();

  ASSERT_TRUE(testbed->stop_avahi('A', "KILL"));  // no goodbye: B keeps the entry until its TTL

  auto fail_open = testbed->run_on('B', tool(), {"stale", "2"});
  const auto open_done = run_to_end(*fail_open, 10s);
  EXPECT_EQ(open_done.exit_code, 0) << open_done.output;
  EXPECT_NE(open_done.output.find("still advertised after 2.0s"), std::string::npos)
      << open_done.output;
  EXPECT_NE(open_done.output.find("proceeding anyway"), std::string::npos) << open_done.output;
  EXPECT_GE(open_done.elapsed, 2s);

  auto strict = testbed->run_on('B', tool(), {"stale", "2", "--strict"});
  const auto strict_done = run_to_end(*strict, 10s);
  EXPECT_EQ(strict_done.exit_code, 1) << strict_done.output;

  // Host A now has a bus but no avahi-daemon: the fixed-delay fallback, or 69 with --strict.
  auto fallback = testbed->run_on('A', tool(), {"--name", "stale", "--fallback-delay", "1s"});
  const auto fallback_done = run_to_end(*fallback, 10s);
  EXPECT_EQ(fallback_done.exit_code, 0) << fallback_done.output;
  EXPECT_NE(fallback_done.output.find("waiting a fixed 1.0s instead"), std::string::npos)
      << fallback_done.output;
  EXPECT_GE(fallback_done.elapsed, 1s);

  auto unavailable = testbed->run_on('A', tool(), {"--name", "stale", "--strict"});
  const auto unavailable_done = run_to_end(*unavailable, 10s);
  EXPECT_EQ(unavailable_done.exit_code, 69) << unavailable_done.output;
  EXPECT_NE(unavailable_done.output.find("avahi-daemon is not reachable"), std::string::npos)
      << unavailable_done.output;
}

}  // namespace
}  // namespace harmony::testing
