#pragma once

#include <gtest/gtest.h>

#include <map>

#include "StatusCollector.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeContainerRuntime.hpp"
#include "fakes/FakeServiceBrowser.hpp"
#include "fakes/FakeUnitController.hpp"

namespace harmony::harmonyctl {

// The tidal stack as it looks when all is well, over the fakes; each test breaks one thing.
class StatusFixture : public ::testing::Test {
 protected:
  static constexpr const char* k_name = "Living Room";
  static constexpr const char* k_instance = "Living Room-0123456789abcdef0123456789abcdef";

  StatusFixture() : browser(clock) {
    for (const char* unit :
         {"tidal.service", "tidal-watchdog.service", "tidal-volume-bridge.service"}) {
      units.set_state(unit, "active");
      units.set_since(unit, std::chrono::system_clock::from_time_t(1'700'000'000));
    }
    containers::ContainerState speaker;
    speaker.name = "tidal_connect";
    speaker.status = "running";
    speaker.health = "healthy";
    runtime.set_state(speaker);
    browser.add_at(std::chrono::milliseconds(10), k_instance, true);
    browser.all_for_now_at(std::chrono::milliseconds(900));
    http["http://127.0.0.1:9620/health"] =
        R"({"status":"ok","targets":[{"name":"tidal","state":"ok","restarts_today":1,)"
        R"("last_reason":"token_expired","last_at":1700000100}]})";
    files["/run/harmony/tidal-status.json"] =
        R"({"state":"PLAYING","artist":"Nils Frahm","title":"Says","volume":20,"timestamp":1700000200})";
  }

  StatusReport collect() {
    Sources sources;
    sources.units = units_down ? nullptr : &units;
    sources.units_error = "cannot reach systemd on the system bus";
    sources.containers = &runtime;
    sources.browser = avahi_down ? nullptr : &browser;
    sources.browser_error = "Daemon not running";
    sources.http_get = [this](const std::string& url) -> Result<std::string> {
      auto it = http.find(url);
      if (it == http.end()) {
        return make_error(ErrorKind::unavailable, url + ": connection refused");
      }
      return it->second;
    };
    sources.read_file = [this](const std::string& path) -> Result<std::string> {
      auto it = files.find(path);
      if (it == files.end()) {
        return make_error(ErrorKind::not_found, path + " cannot be read");
      }
      return it->second;
    };
    sources.clock = &clock;
    StatusRequest request{*stack_named("tidal"), k_name, "", std::chrono::seconds(3)};
    return collect_status(request, sources);
  }

  static std::string problems_of(const StatusReport& report) {
    std::string text;
    for (const Problem& p : report.problems) {
      text += p.what + " → " + p.next + "\n";
    }
    return text;
  }

  fakes::FakeClock clock;
  fakes::FakeUnitController units;
  fakes::FakeContainerRuntime runtime;
  fakes::FakeServiceBrowser browser;
  std::map<std::string, std::string> http;
  std::map<std::string, std::string> files;
  bool units_down = false;
  bool avahi_down = false;
};

}  // namespace harmony::harmonyctl
