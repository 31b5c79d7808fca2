#pragma once

#include <memory>
#include <set>
#include <string>

namespace harmony::testing {

// The part of systemd's manager object (org.freedesktop.systemd1 at /org/freedesktop/systemd1,
// interface org.freedesktop.systemd1.Manager, as systemd.dbus(5) documents it) that unit jobs
// use, served on a private bus: Subscribe(); StartUnit, StopUnit and RestartUnit (s name,
// s mode) → o job, each followed by the JobRemoved (u id, o job, s unit, s result) signal with
// result "done", except for the units given as never finishing (their jobs stay queued, as a
// stuck start does). Stop it before the bus goes away.
class SystemdManagerStandIn {
 public:
  SystemdManagerStandIn(const std::string& bus_address, std::set<std::string> never_finishing);
  ~SystemdManagerStandIn();
  SystemdManagerStandIn(const SystemdManagerStandIn&) = delete;
  SystemdManagerStandIn& operator=(const SystemdManagerStandIn&) = delete;

  // Jobs queued since it started.
  int jobs() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace harmony::testing
