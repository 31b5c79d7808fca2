#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "ContainerControl.hpp"
#include "HealthProbe.hpp"

namespace harmony::fakes {

// One container held in memory. `stops_with_unit` models a unit whose ExecStop stops the
// container; `healthy_after_start` = false models a target that never becomes healthy.
// Calls are recorded ("kill tidal_connect", "remove tidal_connect"). Thread-safe.
class FakeContainerControl final : public watchdog::ContainerControl {
 public:
  watchdog::ContainerFacts facts{true, true, false, "healthy"};
  bool process_present = true;
  bool stops_with_unit = true;
  bool healthy_after_start = true;
  bool engine_away = false;  // every call fails as an unreachable engine does

  // Systemd-side effects, called by a FakeUnitController's on_job.
  void unit_job(const std::string& verb) {
    std::lock_guard lock(m_mutex);
    if (verb == "stop" && stops_with_unit) {
      facts.running = false;
    } else if (verb == "start") {
      facts = {true, true, false, healthy_after_start ? "healthy" : "unhealthy"};
    }
  }
  std::vector<std::string> calls() const {
    std::lock_guard lock(m_mutex);
    return m_calls;
  }

  Result<watchdog::ContainerFacts> inspect(const std::string&) override {
    std::lock_guard lock(m_mutex);
    if (engine_away) {
      return away();
    }
    return facts;
  }
  Result<bool> process_running(const std::string&, const std::string&) override {
    std::lock_guard lock(m_mutex);
    if (engine_away) {
      return away();
    }
    return facts.running && process_present;
  }
  Result<bool> wait_stopped(const std::string&, std::chrono::milliseconds) override {
    std::lock_guard lock(m_mutex);
    if (engine_away) {
      return away();
    }
    return !facts.exists || !facts.running;
  }
  Result<bool> wait_healthy(const std::string&, const std::string&, std::chrono::milliseconds,
                            std::chrono::milliseconds) override {
    std::lock_guard lock(m_mutex);
    if (engine_away) {
      return away();
    }
    return facts.running && facts.health == "healthy" && process_present;
  }
  Result<void> kill(const std::string& name) override {
    std::lock_guard lock(m_mutex);
    m_calls.push_back("kill " + name);
    facts.running = false;
    return {};
  }
  Result<void> remove(const std::string& name) override {
    std::lock_guard lock(m_mutex);
    m_calls.push_back("remove " + name);
    facts.exists = false;
    facts.running = false;
    return {};
  }

 private:
  static Error away() {
    return make_error(ErrorKind::unavailable, "Docker engine at /run/docker.sock is unreachable");
  }

  mutable std::mutex m_mutex;
  std::vector<std::string> m_calls;
};

// Answers every probe with `next` and counts probes.
class FakeHealthProbe final : public watchdog::HealthProbe {
 public:
  bool succeed = true;
  int probes = 0;
  Result<void> probe(const std::string& url, std::chrono::milliseconds) override {
    ++probes;
    if (succeed) {
      return {};
    }
    return make_error(ErrorKind::unavailable, url + ": HTTP 503");
  }
};

// Reports `collision` for every check and records the names asked about.
class FakeCollisionProbe final : public watchdog::CollisionProbe {
 public:
  std::string collision;
  std::vector<std::string> asked;
  Result<std::string> check(const std::string& type, const std::string& name) override {
    asked.push_back(type + " " + name);
    return collision;
  }
};

}  // namespace harmony::fakes
