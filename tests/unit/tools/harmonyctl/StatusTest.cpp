#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "Render.hpp"
#include "StatusFixture.hpp"

namespace harmony::harmonyctl {
namespace {

using std::chrono::milliseconds;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(StatusFixture, AllWellExitsZeroAndShowsEveryPart) {
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 0) << problems_of(report);
  const std::string text = render_text(report);
  EXPECT_TRUE(contains(text, "all well")) << text;
  EXPECT_TRUE(contains(text, "tidal.service")) << text;
  EXPECT_TRUE(contains(text, "active (running) since")) << text;
  EXPECT_TRUE(contains(text, "running, health healthy, 0 restarts by Docker")) << text;
  EXPECT_TRUE(contains(text, std::string(k_instance) + " (this host)")) << text;
  EXPECT_TRUE(contains(text, "last incident token_expired")) << text;
  EXPECT_TRUE(contains(text, "PLAYING, volume 20/38, Nils Frahm – Says")) << text;
}

TEST_F(StatusFixture, ContainerMatchingOnlyByPrefixCountsAsAbsent) {
  runtime.remove_container("tidal_connect");
  containers::ContainerState old;
  old.name = "tidal_connect_old";
  old.status = "running";
  runtime.set_state(old);
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_FALSE(report.container.state.has_value());
  EXPECT_TRUE(contains(problems_of(report), "no container is named exactly 'tidal_connect'"))
      << problems_of(report);
  EXPECT_TRUE(contains(problems_of(report), "systemctl restart tidal.service"));
}

TEST_F(StatusFixture, UnitThatDoesNotExistIsNamedWithHowToInstallIt) {
  units.set_missing("tidal-watchdog.service");
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "unit tidal-watchdog.service is not installed"))
      << problems_of(report);
  EXPECT_TRUE(contains(render_text(report), "tidal-watchdog.service") &&
              contains(render_text(report), "not-found"));
}

TEST_F(StatusFixture, NoSystemdIsADependencyDownReportedOnce) {
  units_down = true;
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 69);
  int systemd_lines = 0;
  for (const Problem& p : report.problems) {
    systemd_lines += contains(p.what, "systemd cannot be asked") ? 1 : 0;
  }
  EXPECT_EQ(systemd_lines, 1) << problems_of(report);
  // The other parts are still looked at.
  ASSERT_TRUE(report.container.state.has_value());
  EXPECT_EQ(report.container.state->status, "running");
}

TEST_F(StatusFixture, NoDockerEngineIsADependencyDown) {
  runtime.fail_with(make_error(ErrorKind::unavailable, "cannot connect to /var/run/docker.sock"));
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 69);
  EXPECT_TRUE(contains(problems_of(report), "/var/run/docker.sock")) << problems_of(report);
  EXPECT_TRUE(contains(problems_of(report), "systemctl start docker"));
}

TEST_F(StatusFixture, NoAvahiIsADependencyDown) {
  avahi_down = true;
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 69);
  EXPECT_TRUE(contains(problems_of(report), "systemctl start avahi-daemon")) << problems_of(report);
}

TEST_F(StatusFixture, RenamedTwinIsACollisionFixedByFixNameCollision) {
  browser.add_at(milliseconds(20), std::string(k_instance) + " #2", true);
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(render_text(report), "COLLISION")) << render_text(report);
  EXPECT_TRUE(contains(problems_of(report), "harmonyctl fix-name-collision"))
      << problems_of(report);
}

TEST_F(StatusFixture, AnotherDeviceWithTheNameAsksForAnotherName) {
  browser.add_at(milliseconds(20), "Living Room-ffffffffffffffffffffffffffffffff", false);
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "FRIENDLY_NAME in /etc/tidal-connect/tidal.env"))
      << problems_of(report);
}

TEST_F(StatusFixture, SimilarNamesOfOtherDevicesAreNoCollision) {
  browser.add_at(milliseconds(20), "Living Room 2-ffffffffffffffffffffffffffffffff", false);
  browser.add_at(milliseconds(30), "Living Roomer", false);
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 0) << problems_of(report);
  ASSERT_TRUE(report.mdns.survey.has_value());
  EXPECT_EQ(report.mdns.survey->instances.size(), 1u);
}

TEST_F(StatusFixture, SpeakerNotAdvertisedIsDegraded) {
  browser.remove_at(milliseconds(30), k_instance, true);
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "'Living Room' is not advertised"))
      << problems_of(report);
}

TEST_F(StatusFixture, FailedUnitSaysResetFailedAndStart) {
  units.set_state("tidal.service", "failed");
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "systemctl reset-failed tidal.service"))
      << problems_of(report);
}

TEST_F(StatusFixture, UnhealthyContainerIsDegraded) {
  containers::ContainerState speaker;
  speaker.name = "tidal_connect";
  speaker.status = "running";
  speaker.health = "unhealthy";
  speaker.restart_count = 3;
  runtime.set_state(speaker);
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "running but unhealthy")) << problems_of(report);
  EXPECT_TRUE(contains(render_text(report), "3 restarts by Docker"));
}

TEST_F(StatusFixture, WatchdogThatGaveUpIsDegraded) {
  http["http://127.0.0.1:9620/health"] =
      R"({"status":"ok","targets":[{"name":"tidal","state":"GAVE UP","restarts_today":5,)"
      R"("last_reason":"container_down","last_at":1700000100}]})";
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "the watchdog gave up on tidal.service"))
      << problems_of(report);
  EXPECT_TRUE(contains(problems_of(report), "systemctl restart tidal-watchdog.service"));
}

TEST_F(StatusFixture, HostileWatchdogAnswerIsAProblemNotACrash) {
  http["http://127.0.0.1:9620/health"] = std::string(1000, '{');
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "not a JSON object")) << problems_of(report);
}

TEST_F(StatusFixture, BridgeRunningWithoutStatusFileIsDegraded) {
  files.clear();
  const StatusReport report = collect();
  EXPECT_EQ(report.exit_code, 1);
  EXPECT_TRUE(contains(problems_of(report), "/run/harmony/tidal-status.json cannot be read"))
      << problems_of(report);
}

TEST_F(StatusFixture, JsonCarriesTheSameFactsAndExitCode) {
  units.set_state("tidal-volume-bridge.service", "inactive");
  const StatusReport report = collect();
  const auto doc = nlohmann::json::parse(render_json(report));
  EXPECT_EQ(doc["exit_code"], 1);
  EXPECT_EQ(doc["stack"], "tidal");
  EXPECT_EQ(doc["units"][2]["unit"], "tidal-volume-bridge.service");
  EXPECT_EQ(doc["units"][2]["active_state"], "inactive");
  EXPECT_EQ(doc["units"][0]["since"], 1'700'000'000);
  EXPECT_EQ(doc["container"]["health"], "healthy");
  EXPECT_EQ(doc["mdns"]["instances"][0]["name"], k_instance);
  EXPECT_EQ(doc["mdns"]["collision"], false);
  EXPECT_EQ(doc["watchdog"]["last_reason"], "token_expired");
  EXPECT_EQ(doc["bridge"]["volume"], 20);
  ASSERT_EQ(doc["problems"].size(), 1u);
  EXPECT_NE(doc["problems"][0]["next"].get<std::string>().find(
                "systemctl start tidal-volume-bridge.service"),
            std::string::npos);
}

}  // namespace
}  // namespace harmony::harmonyctl
