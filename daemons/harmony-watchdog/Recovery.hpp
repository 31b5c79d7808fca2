#pragma once

#include <string>
#include <vector>

#include "ContainerControl.hpp"
#include "Settings.hpp"
#include "core/Clock.hpp"
#include "systemd/UnitController.hpp"

namespace harmony::watchdog {

struct RecoveryReport {
  bool healthy = false;
  std::string failed_step;  // "stop", "kill", "remove", "start", "healthy"; "" on success
  std::string detail;       // why that step failed
  std::vector<std::string> dependents_failed;
  std::string collision;  // who else advertises our mDNS name, "" when clean or unchecked
  Clock::TimePoint stop_issued{};
};

// A verified restart of one target through systemd:
//   reset-failed (if failed) → StopUnit → unit inactive and container not running (SIGKILL after
//   timeouts.stop, then timeouts.kill) → remove a stale container → StartUnit → healthy (the
//   wait-for-container rules, holding timeouts.stable) → RestartUnit of each dependent →
//   mDNS collision check.
// A failed step ends the sequence (dependents and mDNS are not touched). Each step is logged
// with TARGET= and ACTION=. Blocking; run it on the target's own thread.
class Recovery {
 public:
  Recovery(systemd::UnitController& units, ContainerControl& containers, CollisionProbe* collisions,
           const Clock& clock);

  RecoveryReport run(const TargetSettings& target);

 private:
  bool stop(const TargetSettings& target, RecoveryReport& report);
  bool start(const TargetSettings& target, RecoveryReport& report);
  void restart_dependents(const TargetSettings& target, RecoveryReport& report);
  void check_collision(const TargetSettings& target, RecoveryReport& report);

  systemd::UnitController& m_units;
  ContainerControl& m_containers;
  CollisionProbe* m_collisions;
  const Clock& m_clock;
};

// The advertised name of an mDNS setting: `name`, or FRIENDLY_NAME from `env_file`.
Result<std::string> mdns_name(const MdnsSettings& mdns);

}  // namespace harmony::watchdog
