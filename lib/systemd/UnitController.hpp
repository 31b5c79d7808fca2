#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/Result.hpp"

namespace harmony::systemd {

// How a systemd job ended (the `result` of Manager.JobRemoved): "done", "canceled", "timeout",
// "failed", "dependency", "skipped"; or "timeout" here as well when we stopped waiting first.
struct JobOutcome {
  std::string result;
  bool ok() const noexcept { return result == "done"; }
};

// What `systemctl status` shows of a unit, for people (harmonyctl status).
struct UnitStatus {
  std::string load_state;    // "loaded", "not-found", "bad-setting", "error", "masked"
  std::string active_state;  // as active_state()
  std::string sub_state;     // "running", "exited", "dead", "auto-restart", ...
  // When the unit last changed its active state (StateChangeTimestamp); epoch when never.
  std::chrono::system_clock::time_point since{};
  std::string status_text;     // a service's STATUS= (sd_notify); empty for others
  std::uint32_t restarts = 0;  // NRestarts of a service since it was loaded
};

// Unit control as the domain sees it: systemd's D-Bus API in production, a fake in unit tests.
// Every job call queues the job with mode "replace" and blocks until systemd reports it
// removed (JobRemoved) or `timeout` passes. D-Bus failures (no bus, access denied, no such
// unit) are ErrorKind::unavailable / not_found errors naming the unit. Thread-safe.
class UnitController {
 public:
  virtual ~UnitController() = default;

  // "active", "reloading", "inactive", "failed", "activating", "deactivating".
  virtual Result<std::string> active_state(const std::string& unit) = 0;
  // A unit that is not installed is a result with load_state "not-found", not an error.
  virtual Result<UnitStatus> status(const std::string& unit) = 0;
  virtual Result<void> reset_failed(const std::string& unit) = 0;
  virtual Result<JobOutcome> stop(const std::string& unit, std::chrono::milliseconds timeout) = 0;
  virtual Result<JobOutcome> start(const std::string& unit, std::chrono::milliseconds timeout) = 0;
  virtual Result<JobOutcome> restart(const std::string& unit,
                                     std::chrono::milliseconds timeout) = 0;
};

}  // namespace harmony::systemd
