// DbusUnitController against a real dbus-daemon that goes away under it: the program must not
// abort (an exception out of the signal thread would), a job being waited for must end at once
// with an error, and the next call must connect again.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>

#include "fakes/SystemdManagerStandIn.hpp"
#include "support/DbusDaemon.hpp"
#include "support/Eventually.hpp"
#include "systemd/DbusUnitController.hpp"

namespace harmony::systemd {
namespace {

using namespace std::chrono_literals;
using testing::DbusDaemon;
using testing::eventually;
using testing::SystemdManagerStandIn;

class DbusUnitControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_bus.running()) << "dbus-daemon did not start (apt-get install dbus)";
    ::setenv("DBUS_SYSTEM_BUS_ADDRESS", m_bus.address().c_str(), 1);
    m_systemd = std::make_unique<SystemdManagerStandIn>(m_bus.address(),
                                                        std::set<std::string>{"stuck.service"});
  }
  void TearDown() override {
    m_systemd.reset();
    ::unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
  }
  // Stops the stand-in, kills the bus under every client, starts both again.
  void restart_the_bus() {
    m_systemd.reset();
    ASSERT_TRUE(m_bus.start_again());
    m_systemd = std::make_unique<SystemdManagerStandIn>(m_bus.address(),
                                                        std::set<std::string>{"stuck.service"});
  }

  DbusDaemon m_bus;
  std::unique_ptr<SystemdManagerStandIn> m_systemd;
};

TEST_F(DbusUnitControllerTest, RestartsAUnitAndReportsTheJobsResult) {
  auto units = DbusUnitController::connect(2s);
  ASSERT_TRUE(units) << units.error().message;
  const auto outcome = (*units)->restart("speaker.service", 5s);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->result, "done");
  EXPECT_EQ(m_systemd->jobs(), 1);
}

TEST_F(DbusUnitControllerTest, ConnectsAgainOnTheNextCallAfterTheBusWasRestarted) {
  auto units = DbusUnitController::connect(2s);
  ASSERT_TRUE(units) << units.error().message;
  ASSERT_TRUE((*units)->start("speaker.service", 5s));

  m_systemd.reset();
  m_bus.kill();
  // While the bus is gone every call fails, named and typed, and nothing aborts.
  const auto down = (*units)->restart("speaker.service", 2s);
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().kind, ErrorKind::unavailable) << down.error().message;

  ASSERT_TRUE(m_bus.start_again());
  m_systemd = std::make_unique<SystemdManagerStandIn>(m_bus.address(),
                                                      std::set<std::string>{"stuck.service"});
  Result<JobOutcome> again = make_error(ErrorKind::unavailable, "not tried yet");
  EXPECT_TRUE(eventually(
      [&] {
        again = (*units)->restart("speaker.service", 2s);
        return again.ok();
      },
      10s, 100ms))
      << again.error().message;
  EXPECT_EQ(again->result, "done");
  EXPECT_EQ(m_systemd->jobs(), 1) << "the restarted bus has a new stand-in";
}

TEST_F(DbusUnitControllerTest, AJobWaitEndsWithAnErrorAsSoonAsTheBusGoesAway) {
  auto units = DbusUnitController::connect(2s);
  ASSERT_TRUE(units) << units.error().message;
  auto waiting =
      std::async(std::launch::async, [&] { return (*units)->start("stuck.service", 60s); });
  ASSERT_TRUE(eventually([&] { return m_systemd->jobs() == 1; }, 5s));
  const auto lost_at = std::chrono::steady_clock::now();
  restart_the_bus();
  ASSERT_EQ(waiting.wait_for(10s), std::future_status::ready)
      << "the wait must end with the connection, not at its 60 s timeout";
  const auto outcome = waiting.get();
  EXPECT_LT(std::chrono::steady_clock::now() - lost_at, 10s);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, ErrorKind::unavailable);
  EXPECT_NE(outcome.error().message.find("stuck.service"), std::string::npos)
      << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("lost"), std::string::npos) << outcome.error().message;
}

}  // namespace
}  // namespace harmony::systemd
