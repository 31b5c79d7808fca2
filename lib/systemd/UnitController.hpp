#pragma once

#include <chrono>
#include <string>

#include "core/Result.hpp"

namespace harmony::systemd {

// How a systemd job ended (the `result` of Manager.JobRemoved): "done", "canceled", "timeout",
// "failed", "dependency", "skipped"; or "timeout" here as well when we stopped waiting first.
struct JobOutcome {
  std::string result;
  bool ok() const noexcept { return result == "done"; }
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
  virtual Result<void> reset_failed(const std::string& unit) = 0;
  virtual Result<JobOutcome> stop(const std::string& unit, std::chrono::milliseconds timeout) = 0;
  virtual Result<JobOutcome> start(const std::string& unit, std::chrono::milliseconds timeout) = 0;
  virtual Result<JobOutcome> restart(const std::string& unit,
                                     std::chrono::milliseconds timeout) = 0;
};

}  // namespace harmony::systemd
