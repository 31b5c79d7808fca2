#include <gtest/gtest.h>

#include "Recovery.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeContainerControl.hpp"
#include "fakes/FakeUnitController.hpp"

namespace harmony::watchdog {
namespace {

using Calls = std::vector<std::string>;

TargetSettings tidal() {
  TargetSettings target;
  target.name = "tidal";
  target.unit = "tidal.service";
  target.container = "tidal_connect";
  target.process = "tidal_connect_application";
  target.dependents = {"tidal-volume-bridge.service"};
  target.mdns = MdnsSettings{"_tidalconnect._tcp", "Living Room", ""};
  return target;
}

class RecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    units.set_state("tidal.service", "active");
    units.on_job = [this](const std::string& verb, const std::string&) {
      containers.unit_job(verb);
    };
  }

  fakes::FakeClock clock;
  fakes::FakeUnitController units;
  fakes::FakeContainerControl containers;
  fakes::FakeCollisionProbe collisions;
  Recovery recovery{units, containers, &collisions, clock};
};

TEST_F(RecoveryTest, StopsRemovesStartsAndRestartsDependentsInOrder) {
  const RecoveryReport report = recovery.run(tidal());
  EXPECT_TRUE(report.healthy) << report.failed_step << ": " << report.detail;
  EXPECT_EQ(units.calls(), (Calls{"stop tidal.service", "start tidal.service",
                                  "restart tidal-volume-bridge.service"}));
  EXPECT_EQ(containers.calls(), (Calls{"remove tidal_connect"}));
  EXPECT_EQ(collisions.asked, (Calls{"_tidalconnect._tcp Living Room"}));
}

TEST_F(RecoveryTest, FailedUnitIsResetBeforeTheStop) {
  units.set_state("tidal.service", "failed");
  ASSERT_TRUE(recovery.run(tidal()).healthy);
  EXPECT_EQ(units.calls().front(), "reset-failed tidal.service");
}

TEST_F(RecoveryTest, ContainerThatOutlivesTheStopIsKilled) {
  containers.stops_with_unit = false;
  const RecoveryReport report = recovery.run(tidal());
  EXPECT_TRUE(report.healthy);
  EXPECT_EQ(containers.calls(), (Calls{"kill tidal_connect", "remove tidal_connect"}));
}

TEST_F(RecoveryTest, TargetThatNeverBecomesHealthyFailsAtTheHealthyStepAndSkipsDependents) {
  containers.healthy_after_start = false;
  const RecoveryReport report = recovery.run(tidal());
  EXPECT_FALSE(report.healthy);
  EXPECT_EQ(report.failed_step, "healthy");
  EXPECT_NE(report.detail.find("tidal_connect"), std::string::npos);
  EXPECT_EQ(units.calls(), (Calls{"stop tidal.service", "start tidal.service"}));
  EXPECT_TRUE(collisions.asked.empty());
}

TEST_F(RecoveryTest, StartJobThatFailsIsReportedWithTheUnit) {
  units.on_job = [this](const std::string& verb, const std::string&) {
    containers.unit_job(verb);
    units.job_result = verb == "stop" ? "failed" : "done";  // the next job (start) fails
  };
  const RecoveryReport report = recovery.run(tidal());
  EXPECT_FALSE(report.healthy);
  EXPECT_EQ(report.failed_step, "start");
  EXPECT_NE(report.detail.find("tidal.service"), std::string::npos);
}

TEST_F(RecoveryTest, CollisionIsReportedButTheRecoveryStillCounts) {
  collisions.collision = "'Living Room-abc' on host other.local";
  const RecoveryReport report = recovery.run(tidal());
  EXPECT_TRUE(report.healthy);
  EXPECT_EQ(report.collision, "'Living Room-abc' on host other.local");
}

TEST_F(RecoveryTest, DependentFailureIsReportedButTheRecoveryStillCounts) {
  units.on_job = [this](const std::string& verb, const std::string& unit) {
    containers.unit_job(verb);
    units.job_result = "done";
    if (verb == "start" && unit == "tidal.service") {
      units.job_result = "failed";  // applies to the next job: the dependent's restart
    }
  };
  const RecoveryReport report = recovery.run(tidal());
  EXPECT_TRUE(report.healthy);
  EXPECT_EQ(report.dependents_failed, (Calls{"tidal-volume-bridge.service"}));
}

}  // namespace
}  // namespace harmony::watchdog
