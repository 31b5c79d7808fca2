#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "systemd/UnitController.hpp"

namespace harmony::fakes {

// A systemd stand-in that keeps unit states in a map and records every call ("stop tidal.service")
// in order. Jobs finish at once with `job_result` (default "done"); `on_job` lets a test react to
// a job as systemd would (e.g. stop the fake container when the unit stops). Unit states are
// thread-safe; set job_result and on_job before sharing the fake between threads.
class FakeUnitController final : public systemd::UnitController {
 public:
  void set_state(const std::string& unit, const std::string& state) {
    std::lock_guard lock(m_mutex);
    m_states[unit] = state;
  }
  std::string state(const std::string& unit) const {
    std::lock_guard lock(m_mutex);
    auto it = m_states.find(unit);
    return it == m_states.end() ? "inactive" : it->second;
  }
  // A unit that is not installed (status() reports load_state "not-found").
  void set_missing(const std::string& unit) {
    std::lock_guard lock(m_mutex);
    m_missing[unit] = true;
  }
  void set_since(const std::string& unit, std::chrono::system_clock::time_point since) {
    std::lock_guard lock(m_mutex);
    m_since[unit] = since;
  }
  void set_status_text(const std::string& unit, const std::string& text) {
    std::lock_guard lock(m_mutex);
    m_status_text[unit] = text;
  }
  // Every later call fails with this error (e.g. no bus), until cleared.
  void fail_with(std::optional<Error> error) {
    std::lock_guard lock(m_mutex);
    m_failure = std::move(error);
  }
  std::vector<std::string> calls() const {
    std::lock_guard lock(m_mutex);
    return m_calls;
  }
  void clear_calls() {
    std::lock_guard lock(m_mutex);
    m_calls.clear();
  }

  std::string job_result = "done";
  std::function<void(const std::string& verb, const std::string& unit)> on_job;

  Result<std::string> active_state(const std::string& unit) override {
    if (auto failure = failure_now()) {
      return *failure;
    }
    return state(unit);
  }
  Result<systemd::UnitStatus> status(const std::string& unit) override {
    if (auto failure = failure_now()) {
      return *failure;
    }
    std::lock_guard lock(m_mutex);
    systemd::UnitStatus status;
    status.load_state = m_missing.count(unit) != 0 ? "not-found" : "loaded";
    auto it = m_states.find(unit);
    status.active_state = it == m_states.end() ? "inactive" : it->second;
    status.sub_state = status.active_state == "active" ? "running" : "dead";
    if (auto since = m_since.find(unit); since != m_since.end()) {
      status.since = since->second;
    }
    if (auto text = m_status_text.find(unit); text != m_status_text.end()) {
      status.status_text = text->second;
    }
    return status;
  }
  Result<void> reset_failed(const std::string& unit) override {
    record("reset-failed", unit);
    std::lock_guard lock(m_mutex);
    if (m_states[unit] == "failed") {
      m_states[unit] = "inactive";
    }
    return {};
  }
  Result<systemd::JobOutcome> stop(const std::string& unit, std::chrono::milliseconds) override {
    return job("stop", unit, "inactive");
  }
  Result<systemd::JobOutcome> start(const std::string& unit, std::chrono::milliseconds) override {
    return job("start", unit, "active");
  }
  Result<systemd::JobOutcome> restart(const std::string& unit, std::chrono::milliseconds) override {
    return job("restart", unit, "active");
  }

 private:
  void record(const std::string& verb, const std::string& unit) {
    std::lock_guard lock(m_mutex);
    m_calls.push_back(verb + " " + unit);
  }
  std::optional<Error> failure_now() const {
    std::lock_guard lock(m_mutex);
    return m_failure;
  }
  Result<systemd::JobOutcome> job(const std::string& verb, const std::string& unit,
                                  const std::string& state_after) {
    if (auto failure = failure_now()) {
      return *failure;
    }
    record(verb, unit);
    const std::string result = job_result;  // on_job may change job_result for the next job
    if (result == "done") {
      set_state(unit, state_after);
    }
    if (on_job) {
      on_job(verb, unit);
    }
    return systemd::JobOutcome{result};
  }

  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_states;
  std::map<std::string, bool> m_missing;
  std::map<std::string, std::chrono::system_clock::time_point> m_since;
  std::map<std::string, std::string> m_status_text;
  std::optional<Error> m_failure;
  std::vector<std::string> m_calls;
};

}  // namespace harmony::fakes
