#include <gtest/gtest.h>

#include "Testbed.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

std::string tool() {
  return build_path("tools/wait-for-mdns-clear/wait-for-avahi");
}

TEST(WaitForAvahi, ReturnsAtOnceWhenTheDaemonIsRunning) {
  std::string why;
  auto testbed = Testbed::shared(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  auto waiter = testbed->run_on('B', tool(), {"--timeout", "5s"});
  const auto done = run_to_end(*waiter, 10s);
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_NE(done.output.find("running as '" + testbed->get("MDNS_HOST_B") + ".local'"),
            std::string::npos)
      << done.output;
}

TEST(WaitForAvahi, ReturnsOnlyAfterTheDaemonAnswersAndTimesOutWhenNoneStarts) {
  std::string why;
  auto testbed = Testbed::make_private(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  ASSERT_TRUE(testbed->stop_avahi('B', "TERM"));

  auto times_out = testbed->run_on('B', tool(), {"--timeout", "1s"});
  const auto timeout_done = run_to_end(*times_out, 10s);
  EXPECT_EQ(timeout_done.exit_code, 1) << timeout_done.output;
  EXPECT_NE(timeout_done.output.find("last state CONNECTING"), std::string::npos)
      << timeout_done.output;

  auto waiter = testbed->run_on('B', tool(), {"--timeout", "30s"});
  EXPECT_FALSE(waiter->wait_for_exit(1500ms).has_value())
      << "returned with no daemon: " << waiter->output();
  ASSERT_TRUE(testbed->start_avahi('B'));  // returns once the daemon reports RUNNING on D-Bus
  const auto done = run_to_end(*waiter, 10s);
  EXPECT_EQ(done.exit_code, 0) << done.output;
  EXPECT_NE(done.output.find("avahi-daemon is running"), std::string::npos) << done.output;
}

TEST(WaitForAvahi, ReportsAnUnreachableBusDistinctly) {
  std::string why;
  auto testbed = Testbed::shared(why);
  HARMONY_REQUIRE(testbed != nullptr, why);
  auto waiter = testbed->run_on(
      'B', "/usr/bin/env",
      {"DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent/bus", tool(), "--timeout", "500ms"});
  const auto done = run_to_end(*waiter, 10s);
  EXPECT_EQ(done.exit_code, 1) << done.output;
  EXPECT_NE(done.output.find("UNREACHABLE"), std::string::npos) << done.output;
}

}  // namespace
}  // namespace harmony::testing
