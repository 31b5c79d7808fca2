// harmony.service and harmony-watchdog.service as shipped, on the same stack test host: the
// harmonyd image under `docker run`, gated by wait-for-container on Docker's health status,
// supervised by the watchdog with the `harmony` preset (liveness probe), configured only
// through /etc/harmony/harmony.env, /etc/harmony/watchdog-harmony.yml and drop-ins.
#include <gtest/gtest.h>

#include "StackHost.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_harmony = "harmony.service";
constexpr const char* k_watchdog = "harmony-watchdog.service";

class HarmonyService : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(m_stack.ready(), "no stack test host (CTest fixture `stack`)");
    for (const char* unit : {k_harmony, k_watchdog}) {
      auto started = m_stack.exec({"systemctl", "start", unit});
      ASSERT_EQ(started.exit_code, 0) << unit << ": " << started.output << journal(unit);
    }
    ASSERT_TRUE(eventually([&] { return healthy(); }, 90s, 250ms)) << journal(k_harmony);
    m_since_us = monotonic_us();
  }

  std::string journal(const std::string& unit) const {
    return m_stack.exec({"journalctl", "-u", unit, "--no-pager", "-n", "60", "-o", "cat"}).output;
  }
  std::string health() const {
    auto out = m_stack.engine({"inspect", "-f", "{{.State.Health.Status}}", "harmony"});
    return out.exit_code == 0 ? out.output.substr(0, out.output.find('\n')) : std::string();
  }
  // The end state: both units active, the container healthy, harmonyctl content.
  bool healthy() const {
    return m_stack.show(k_harmony, "ActiveState") == "active" &&
           m_stack.show(k_watchdog, "ActiveState") == "active" && health() == "healthy";
  }
  int recoveries() const { return m_stack.journal_count(k_watchdog, "ACTION=restart", m_since_us); }

  StackHost m_stack;
  long long m_since_us = 0;
};

TEST_F(HarmonyService, ColdStartIsHealthyAndHarmonyctlAgrees) {
  ASSERT_EQ(m_stack.exec({"systemctl", "stop", k_watchdog, k_harmony}).exit_code, 0);
  ASSERT_EQ(m_stack.exec({"systemctl", "start", k_harmony, k_watchdog}).exit_code, 0)
      << journal(k_harmony);
  // `systemctl start` returned: wait-for-container already saw "healthy".
  EXPECT_EQ(health(), "healthy");
  const auto status = m_stack.exec(
      {m_stack.fact("STACK_PREFIX") + "/bin/harmonyctl", "status", "harmony", "--watchdog-url",
       "http://127.0.0.1:" + m_stack.fact("STACK_HARMONY_WATCHDOG_PORT") + "/health"});
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("health healthy"), std::string::npos) << status.output;
}

TEST_F(HarmonyService, SystemctlRestartComesBackHealthyWithoutTheWatchdog) {
  const std::string run = m_stack.show(k_harmony, "InvocationID");
  ASSERT_EQ(m_stack.exec({"systemctl", "restart", k_harmony}).exit_code, 0) << journal(k_harmony);
  EXPECT_NE(m_stack.show(k_harmony, "InvocationID"), run);
  EXPECT_TRUE(eventually([&] { return healthy(); }, 60s, 250ms)) << journal(k_harmony);
  EXPECT_EQ(recoveries(), 0) << journal(k_watchdog);
}

TEST_F(HarmonyService, KillNineOfHarmonydRecoversWithoutARestartLoop) {
  // harmonyd is the container's PID 1 (the entrypoint execs it); the image has no pkill.
  ASSERT_EQ(m_stack.engine({"kill", "--signal", "KILL", "harmony"}).exit_code, 0);
  EXPECT_TRUE(eventually([&] { return healthy(); }, 90s, 250ms))
      << journal(k_harmony) << journal(k_watchdog);
  // Recovered by the unit (Restart=on-failure) or the watchdog, once; then it stays up.
  EXPECT_LE(recoveries(), 1) << journal(k_watchdog);
  const std::string run = m_stack.show(k_harmony, "InvocationID");
  EXPECT_FALSE(
      eventually([&] { return m_stack.show(k_harmony, "InvocationID") != run; }, 5s, 500ms))
      << "restarted again: " << journal(k_harmony);
}

TEST_F(HarmonyService, HungHarmonydIsRestartedOnceAndVerified) {
  // A frozen process (paused container): the liveness probe stops answering, Docker's health
  // check fails; the watchdog restarts the unit once and verifies it healthy again.
  const std::string run = m_stack.show(k_harmony, "InvocationID");
  ASSERT_EQ(m_stack.engine({"pause", "harmony"}).exit_code, 0);
  EXPECT_TRUE(eventually(
      [&] { return m_stack.show(k_harmony, "InvocationID") != run && healthy(); }, 90s, 500ms))
      << journal(k_watchdog) << journal(k_harmony);
  EXPECT_TRUE(eventually(
      [&] {
        return m_stack
                   .exec({"journalctl", "-u", k_watchdog, "--no-pager", "-o", "cat",
                          "ACTION=recovered"})
                   .output.find("recovered") != std::string::npos;
      },
      30s, 500ms))
      << journal(k_watchdog);
  EXPECT_EQ(recoveries(), 1) << journal(k_watchdog);
}

TEST_F(HarmonyService, SystemctlStopIsNotFoughtByTheWatchdog) {
  ASSERT_EQ(m_stack.exec({"systemctl", "stop", k_harmony}).exit_code, 0);
  // Absence of a restart can only be observed over a window: several probe intervals (1 s).
  EXPECT_FALSE(
      eventually([&] { return m_stack.show(k_harmony, "ActiveState") != "inactive"; }, 6s, 250ms))
      << journal(k_watchdog);
  EXPECT_EQ(recoveries(), 0) << journal(k_watchdog);
  ASSERT_EQ(m_stack.exec({"systemctl", "start", k_harmony}).exit_code, 0);
}

}  // namespace
}  // namespace harmony::testing
