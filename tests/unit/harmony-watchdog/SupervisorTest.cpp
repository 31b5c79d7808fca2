#include <gtest/gtest.h>

#include <algorithm>

#include "Supervisor.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeContainerControl.hpp"
#include "fakes/FakeUnitController.hpp"
#include "log/Log.hpp"

namespace harmony::watchdog {
namespace {

using namespace std::chrono_literals;
using Calls = std::vector<std::string>;

class CaptureSink final : public log::Sink {
 public:
  explicit CaptureSink(std::vector<log::Record>& out) : m_out(out) {}
  void write(const log::Record& record) noexcept override { m_out.push_back(record); }

 private:
  std::vector<log::Record>& m_out;
};

std::string field(const log::Record& record, const std::string& key) {
  for (const log::Field& f : record.fields) {
    if (f.key == key) {
      return f.value;
    }
  }
  return "";
}

TargetSettings target_settings() {
  auto settings = load_settings(std::string(HARMONY_SOURCE_DIR) + "/docs/watchdog/tidal.yml");
  EXPECT_TRUE(settings.ok());
  TargetSettings target = settings->targets.at(0);
  target.mdns.reset();
  return target;
}

class SupervisorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::set_sink(std::make_unique<CaptureSink>(records));
    log::set_min_level(log::Level::info);
    units.set_state("tidal.service", "active");
    units.on_job = [this](const std::string& verb, const std::string& unit) {
      if (unit == "tidal.service") {
        containers.unit_job(verb);
      }
    };
    make(target_settings());
  }
  void TearDown() override { log::set_sink(log::make_default_sink("unit_watchdog")); }

  void make(TargetSettings target) {
    auto rules = RuleSet::compile(target.rules);
    ASSERT_TRUE(rules.ok());
    supervisor = std::make_unique<Supervisor>(
        std::move(target), std::move(*rules),
        SupervisorPorts{units, containers, &health, recovery, telemetry, clock});
  }
  std::vector<const log::Record*> with_field(const std::string& key) const {
    std::vector<const log::Record*> out;
    for (const log::Record& record : records) {
      if (!field(record, key).empty()) {
        out.push_back(&record);
      }
    }
    return out;
  }
  std::size_t starts() const {
    const Calls calls = units.calls();
    return static_cast<std::size_t>(std::count(calls.begin(), calls.end(), "start tidal.service"));
  }

  std::vector<log::Record> records;
  fakes::FakeClock clock;
  fakes::FakeUnitController units;
  fakes::FakeContainerControl containers;
  fakes::FakeHealthProbe health;
  Telemetry telemetry{{"tidal"}};
  Recovery recovery{units, containers, nullptr, clock};
  std::unique_ptr<Supervisor> supervisor;
};

TEST_F(SupervisorTest, TokenExpiredRestartsThroughSystemdWithOneStructuredRecord) {
  supervisor->on_log_line("[info] Token is expired", clock.now());
  EXPECT_EQ(units.calls(), (Calls{"stop tidal.service", "start tidal.service",
                                  "restart tidal-volume-bridge.service"}));
  const auto reasons = with_field("REASON");
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(field(*reasons[0], "REASON"), "token_expired");
  EXPECT_EQ(field(*reasons[0], "TARGET"), "tidal");
  EXPECT_EQ(field(*reasons[0], "RULE"), "Token is expired");
  EXPECT_EQ(field(*reasons[0], "MATCHED_LINE"), "[info] Token is expired");
  EXPECT_EQ(field(*reasons[0], "ACTION"), "restart");
  EXPECT_NE(telemetry.prometheus_text().find(
                "watchdog_restarts_total{target=\"tidal\",reason=\"token_expired\"} 1"),
            std::string::npos);
}

TEST_F(SupervisorTest, EndOfFileFollowedByHandleReadFrameErrorInTheSameSecondRestarts) {
  const Clock::TimePoint second = clock.now();
  supervisor->on_log_line("asio.misc:2 End of file", second);
  EXPECT_TRUE(units.calls().empty());
  supervisor->on_log_line("handle_read_frame error", second + 300ms);
  EXPECT_EQ(starts(), 1u);
  EXPECT_EQ(field(*with_field("REASON").at(0), "REASON"), "connection_lost");
}

TEST_F(SupervisorTest, MegabyteLineIsLoggedTruncated) {
  std::string line(1 << 20, 'z');
  line += " Token is expired";
  supervisor->on_log_line(line, clock.now());
  ASSERT_EQ(starts(), 1u);
  const std::string matched = field(*with_field("MATCHED_LINE").at(0), "MATCHED_LINE");
  EXPECT_LT(matched.size(), 600u);
  EXPECT_NE(matched.find("bytes]"), std::string::npos);
}

TEST_F(SupervisorTest, UnitStoppedByAnOperatorIsLeftAlone) {
  units.set_state("tidal.service", "inactive");
  containers.facts.running = false;
  supervisor->on_event("die", clock.now());
  supervisor->on_log_line("Token is expired", clock.now());
  EXPECT_TRUE(units.calls().empty());
  EXPECT_NE(telemetry.status_line(clock.wall_now()).find("left alone"), std::string::npos);
}

TEST_F(SupervisorTest, UnitWithAJobInProgressIsNotTouched) {
  units.set_state("tidal.service", "deactivating");
  supervisor->on_event("die", clock.now());
  EXPECT_TRUE(units.calls().empty());
}

TEST_F(SupervisorTest, DockersOwnRestartPolicyIsNotFought) {
  containers.facts.restarting = true;
  supervisor->on_event("die", clock.now());
  EXPECT_TRUE(units.calls().empty());
}

TEST_F(SupervisorTest, ADeathWhileTheEngineIsAwayWaitsForItInsteadOfStoppingTheUnit) {
  containers.engine_away = true;
  containers.facts.running = false;
  supervisor->on_event("die", clock.now());
  EXPECT_TRUE(units.calls().empty());
  ASSERT_EQ(with_field("ACTION").size(), 1u);
  EXPECT_EQ(field(*with_field("ACTION")[0], "ACTION"), "wait-engine");
  clock.advance(3s);
  supervisor->on_tick(clock.now());
  EXPECT_TRUE(units.calls().empty());  // still away: still waiting, logged once
  EXPECT_EQ(with_field("ACTION").size(), 1u);

  containers.engine_away = false;  // back, and the container did not come back on its own
  units.set_state("tidal.service", "failed");
  clock.advance(3s);
  supervisor->on_tick(clock.now());
  EXPECT_EQ(starts(), 1u);
  EXPECT_EQ(with_field("REASON").size(), 1u);  // one recovery, one record
}

TEST_F(SupervisorTest, AContainerBackOnItsOwnAfterTheEngineReturnedIsNotRestarted) {
  containers.engine_away = true;
  containers.facts.running = false;
  supervisor->on_event("die", clock.now());
  containers.engine_away = false;
  containers.facts = {true, true, false, "healthy"};  // the unit's own Restart= brought it back
  clock.advance(3s);
  supervisor->on_tick(clock.now());
  EXPECT_TRUE(units.calls().empty());
  EXPECT_TRUE(with_field("REASON").empty());
}

TEST_F(SupervisorTest, UnhealthyEventIsADetection) {
  supervisor->on_event("health_status: unhealthy", clock.now());
  EXPECT_EQ(starts(), 1u);
  EXPECT_EQ(field(*with_field("REASON").at(0), "REASON"), "unhealthy");
}

TEST_F(SupervisorTest, StartEventBeginsTheGracePeriod) {
  supervisor->on_event("start", clock.now());
  clock.advance(5s);
  supervisor->on_log_line("Token is expired", clock.now());
  EXPECT_TRUE(units.calls().empty());
  clock.advance(30s);
  supervisor->on_log_line("Token is expired", clock.now());
  EXPECT_EQ(starts(), 1u);
}

TEST_F(SupervisorTest, LinesObservedBeforeTheRecoveryEndedAreStale) {
  const Clock::TimePoint before = clock.now();
  supervisor->on_log_line("Token is expired", before);
  ASSERT_EQ(starts(), 1u);
  clock.advance(1s);
  supervisor->on_log_line("Token is expired", before);  // queued while recovering
  EXPECT_EQ(starts(), 1u);
}

TEST_F(SupervisorTest, DetectionDuringCooldownIsDeferredUntilDue) {
  supervisor->on_log_line("Token is expired", clock.now());
  ASSERT_EQ(starts(), 1u);
  clock.advance(31s);  // past grace, inside the 60 s cooldown
  supervisor->on_log_line("Token is expired", clock.now());
  EXPECT_EQ(starts(), 1u);
  clock.advance(28s);
  supervisor->on_tick(clock.now());
  EXPECT_EQ(starts(), 1u);
  clock.advance(1s);
  supervisor->on_tick(clock.now());
  EXPECT_EQ(starts(), 2u);
}

TEST_F(SupervisorTest, MissingProcessIsDetectedOnTheProcessCheck) {
  containers.process_present = false;
  clock.advance(10s);
  supervisor->on_tick(clock.now());
  EXPECT_EQ(field(*with_field("REASON").at(0), "REASON"), "process_missing");
}

TEST_F(SupervisorTest, HealthUrlFailingNTimesInARowIsADetection) {
  TargetSettings target = target_settings();
  target.health = HealthUrlSettings{"http://127.0.0.1:1/ready", 5s, 1s, 3};
  make(target);
  health.succeed = false;
  for (int i = 0; i < 2; ++i) {
    clock.advance(5s);
    supervisor->on_tick(clock.now());
  }
  EXPECT_EQ(starts(), 0u);
  clock.advance(5s);
  supervisor->on_tick(clock.now());
  EXPECT_EQ(starts(), 1u);
  EXPECT_EQ(field(*with_field("REASON").at(0), "REASON"), "health_url_failed");
}

TEST_F(SupervisorTest, TargetThatNeverBecomesHealthyBacksOffThenGivesUp) {
  containers.healthy_after_start = false;
  containers.process_present = true;
  std::vector<Clock::TimePoint> start_times;
  units.on_job = [&](const std::string& verb, const std::string& unit) {
    if (unit == "tidal.service") {
      containers.unit_job(verb);
      if (verb == "start") {
        start_times.push_back(clock.now());
      }
    }
  };
  supervisor->on_event("health_status: unhealthy", clock.now());
  for (int i = 0; i < 2000 && start_times.size() < 10; ++i) {
    clock.advance(std::max<Clock::Duration>(supervisor->next_due() - clock.now(), 1s));
    supervisor->on_tick(clock.now());
  }
  ASSERT_EQ(start_times.size(), 5u) << "gives up after 5 restarts";
  // 60 s initial cooldown, doubling after each failed recovery: 120, 240, 480, 900 (cap).
  EXPECT_EQ(start_times[1] - start_times[0], 120s);
  EXPECT_EQ(start_times[2] - start_times[1], 240s);
  EXPECT_EQ(start_times[3] - start_times[2], 480s);
  EXPECT_EQ(start_times[4] - start_times[3], 900s);
  // 5 failed restarts in a row: the next one is refused for good.
  EXPECT_TRUE(supervisor->policy().gave_up());
  EXPECT_NE(telemetry.status_line(clock.wall_now()).find("tidal GAVE UP after 5 restarts"),
            std::string::npos)
      << telemetry.status_line(clock.wall_now());
  EXPECT_NE(telemetry.prometheus_text().find("watchdog_gave_up{target=\"tidal\"} 1"),
            std::string::npos);
  const auto critical = std::count_if(records.begin(), records.end(), [](const log::Record& r) {
    return r.level == log::Level::critical;
  });
  EXPECT_EQ(critical, 1);
}

}  // namespace
}  // namespace harmony::watchdog
