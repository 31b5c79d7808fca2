#include <gtest/gtest.h>

#include "Telemetry.hpp"

namespace harmony::watchdog {
namespace {

using namespace std::chrono_literals;

TEST(Telemetry, StatusLineSaysStateRestartsTodayAndLastReason) {
  Telemetry telemetry({"tidal"});
  const Clock::WallTime now = std::chrono::system_clock::now();
  EXPECT_EQ(telemetry.status_line(now), "tidal ok, 0 restarts today");
  telemetry.record_recovery("tidal", "connection_lost", now - 20min);
  telemetry.record_recovery("tidal", "token_expired", now - 12min);
  telemetry.set_state("tidal", TargetState::ok);
  const std::string line = telemetry.status_line(now);
  // Both recoveries fall on today unless the test runs within 20 minutes after midnight.
  EXPECT_NE(line.find("last token_expired 12m ago"), std::string::npos) << line;
  EXPECT_EQ(line.find("tidal ok, "), 0u) << line;
}

TEST(Telemetry, PrometheusTextHasTheThreeFamilies) {
  Telemetry telemetry({"tidal", "harmony"});
  telemetry.record_recovery("tidal", "token_expired", std::chrono::system_clock::now());
  telemetry.record_detection_latency(0.03s);
  telemetry.set_state("harmony", TargetState::gave_up, 5);
  const std::string text = telemetry.prometheus_text();
  EXPECT_NE(text.find("watchdog_restarts_total{target=\"tidal\",reason=\"token_expired\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("watchdog_detection_seconds_bucket{le=\"0.05\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("watchdog_detection_seconds_bucket{le=\"0.025\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("watchdog_detection_seconds_count 1\n"), std::string::npos);
  EXPECT_NE(text.find("watchdog_gave_up{target=\"harmony\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("watchdog_gave_up{target=\"tidal\"} 0\n"), std::string::npos);
  EXPECT_TRUE(telemetry.any_gave_up());
}

TEST(Telemetry, LabelValuesAreEscaped) {
  Telemetry telemetry({});
  telemetry.record_recovery("a\"b", "x\\y", std::chrono::system_clock::now());
  EXPECT_NE(telemetry.prometheus_text().find("target=\"a\\\"b\",reason=\"x\\\\y\""),
            std::string::npos);
}

}  // namespace
}  // namespace harmony::watchdog
