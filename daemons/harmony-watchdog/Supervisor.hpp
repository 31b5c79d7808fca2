#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ContainerControl.hpp"
#include "HealthProbe.hpp"
#include "Policy.hpp"
#include "Recovery.hpp"
#include "RuleSet.hpp"
#include "Telemetry.hpp"
#include "systemd/UnitController.hpp"

namespace harmony::watchdog {

// A failure seen for a target, before the policy has judged it.
struct Detection {
  std::string reason;        // token_expired, connection_lost, container_died, oom, unhealthy,
                             // process_missing, health_url_failed
  std::string rule;          // the pattern or event that fired
  std::string matched_line;  // bounded excerpt (LineExcerpt), "" for events
  Clock::TimePoint observed{};
};

// Everything the supervisor needs from the outside, borrowed for its lifetime.
struct SupervisorPorts {
  systemd::UnitController& units;
  ContainerControl& containers;
  HealthProbe* health = nullptr;
  Recovery& recovery;
  Telemetry& telemetry;
  const Clock& clock;
};

// The watchdog's decisions for one target: turns log lines, container events and probe results
// into detections, asks the Policy, checks that acting would not fight an operator (unit
// stopped by hand) or Docker (State.Restarting), runs the Recovery and schedules retries.
// Single-threaded: its TargetWorker calls it from one thread, so a recovery blocks only this
// target. Signals observed before a recovery ended are stale and dropped.
class Supervisor {
 public:
  Supervisor(TargetSettings target, RuleSet rules, SupervisorPorts ports);

  void on_log_line(std::string_view line, Clock::TimePoint observed);
  // A Docker event action for the container ("start", "die", "oom", "health_status: ...").
  void on_event(std::string_view action, Clock::TimePoint observed);
  // Periodic work: a due retry, the process check, the health_url probe.
  void on_tick(Clock::TimePoint now);
  // When on_tick next has something to do.
  Clock::TimePoint next_due() const;

  const TargetSettings& target() const noexcept { return m_target; }
  const Policy& policy() const noexcept { return m_policy; }

 private:
  void detect(Detection detection);
  void decide(const Decision& decision, Detection detection);
  // False when acting would fight an operator or Docker (the reason is logged).
  // Both judge the same inspection, taken once per attempt.
  bool may_act(const Detection& detection, const Result<ContainerFacts>& facts);
  bool wait_for_engine(const Detection& detection, const Result<ContainerFacts>& facts);
  void attempt(const Detection& detection);
  void check_process(Clock::TimePoint now);
  void check_health_url(Clock::TimePoint now);
  void retry(Clock::TimePoint now);

  TargetSettings m_target;
  RuleSet m_rules;
  SupervisorPorts m_ports;
  Policy m_policy;
  Clock::TimePoint m_stale_before{};
  bool m_engine_away = false;  // a recovery waits for the container engine to answer
  std::optional<Detection> m_pending;
  bool m_pending_after_failure = false;
  Clock::TimePoint m_pending_due{};
  Clock::TimePoint m_next_process_check{};
  Clock::TimePoint m_next_health_check{};
  int m_health_failures = 0;
  bool m_announced_give_up = false;
};

}  // namespace harmony::watchdog
