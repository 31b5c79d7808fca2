#pragma once

#include <memory>

#include "systemd/UnitController.hpp"

namespace harmony::systemd {

// UnitController over org.freedesktop.systemd1.Manager on the system bus (sdbus-c++), never by
// forking systemctl. Subscribes to the manager's signals once, so JobRemoved for our jobs is
// seen even when it arrives before the StartUnit/StopUnit reply. Signals are processed on a
// thread of its own. When the bus connection is lost (dbus-daemon restarted), calls fail with
// ErrorKind::unavailable (a job being waited for at once, not at its timeout) and the next call
// connects again. Thread-safe.
class DbusUnitController final : public UnitController {
 public:
  // Connects to the system bus ($DBUS_SYSTEM_BUS_ADDRESS or the default socket). Fails with
  // ErrorKind::unavailable when there is no bus or no systemd on it. Every method call (not
  // a job's wait, which has its own timeout) is bounded by `call_timeout`.
  static Result<std::unique_ptr<DbusUnitController>> connect(
      std::chrono::milliseconds call_timeout = std::chrono::seconds(10));
  ~DbusUnitController() override;

  Result<std::string> active_state(const std::string& unit) override;
  Result<UnitStatus> status(const std::string& unit) override;
  Result<void> reset_failed(const std::string& unit) override;
  Result<JobOutcome> stop(const std::string& unit, std::chrono::milliseconds timeout) override;
  Result<JobOutcome> start(const std::string& unit, std::chrono::milliseconds timeout) override;
  Result<JobOutcome> restart(const std::string& unit, std::chrono::milliseconds timeout) override;

 private:
  struct Impl;
  explicit DbusUnitController(std::unique_ptr<Impl> impl);
  Result<JobOutcome> run_job(const char* method, const std::string& unit,
                             std::chrono::milliseconds timeout);

  std::unique_ptr<Impl> m_impl;
};

}  // namespace harmony::systemd
