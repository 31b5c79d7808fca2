#include "Supervisor.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "LineExcerpt.hpp"
#include "log/Log.hpp"

namespace harmony::watchdog {
namespace {

constexpr std::chrono::seconds k_engine_poll{2};

}  // namespace

Supervisor::Supervisor(TargetSettings target, RuleSet rules, SupervisorPorts ports)
    : m_target(std::move(target)),
      m_rules(std::move(rules)),
      m_ports(ports),
      m_policy(m_target.policy) {
  const Clock::TimePoint now = m_ports.clock.now();
  m_next_process_check = now + m_target.process_interval;
  m_next_health_check = now + (m_target.health ? m_target.health->interval : std::chrono::hours(1));
}

void Supervisor::on_log_line(std::string_view line, Clock::TimePoint observed) {
  if (observed < m_stale_before) {
    return;
  }
  if (auto match = m_rules.match(line)) {
    detect(Detection{match->reason, match->pattern, line_excerpt(line), observed});
  }
}

void Supervisor::on_event(std::string_view action, Clock::TimePoint observed) {
  if (observed < m_stale_before) {
    return;
  }
  if (action == "start") {
    m_policy.on_started(observed);
    if (!m_policy.gave_up()) {
      m_ports.telemetry.set_state(m_target.name, TargetState::ok);
    }
    return;
  }
  static constexpr std::pair<std::string_view, std::string_view> k_reasons[] = {
      {"die", "container_died"}, {"oom", "oom"}, {"health_status: unhealthy", "unhealthy"}};
  for (const auto& [event, reason] : k_reasons) {
    if (action == event &&
        std::find(m_target.events.begin(), m_target.events.end(), event) != m_target.events.end()) {
      detect(Detection{std::string(reason), std::string(event), "", observed});
    }
  }
}

void Supervisor::detect(Detection detection) {
  // Decide first: the order in which call arguments are evaluated is unspecified.
  const Decision decision = m_policy.on_detection(detection.observed);
  decide(decision, std::move(detection));
}

void Supervisor::decide(const Decision& decision, Detection detection) {
  switch (decision.verdict) {
    case Verdict::act:
      attempt(detection);
      return;
    case Verdict::grace:
    case Verdict::debouncing:
      log::debug(fmt::format("{}: {} ignored ({})", m_target.name, detection.reason,
                             to_string(decision.verdict)),
                 {{"TARGET", m_target.name}});
      return;
    case Verdict::cooldown:
      if (!m_pending) {
        log::info(fmt::format("{}: {} seen during the cooldown; recovery deferred {}ms",
                              m_target.name, detection.reason,
                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                  decision.due - detection.observed)
                                  .count()),
                  {{"TARGET", m_target.name}, {"ACTION", "defer"}});
        m_pending = std::move(detection);
        m_pending_after_failure = false;
      }
      m_pending_due = decision.due;
      m_ports.telemetry.set_state(m_target.name, TargetState::cooling_down);
      return;
    case Verdict::gave_up:
      m_pending.reset();
      if (!m_announced_give_up) {
        m_announced_give_up = true;
        const int count = std::max(m_policy.recoveries_in_window(detection.observed),
                                   m_policy.consecutive_failures());
        m_ports.telemetry.set_state(m_target.name, TargetState::gave_up, count);
        log::critical(
            fmt::format("{}: giving up after {} restarts (limit {} within {}s, or in a row); "
                        "the watchdog no longer acts for {}. Investigate with journalctl -u {}, "
                        "then restart the watchdog",
                        m_target.name, count, m_target.policy.give_up_restarts,
                        m_target.policy.give_up_window.count() / 1000, m_target.unit,
                        m_target.unit),
            {{"TARGET", m_target.name}, {"ACTION", "give-up"}, {"UNIT", m_target.unit}});
      }
      return;
  }
}

bool Supervisor::may_act(const Detection& detection, const Result<ContainerFacts>& facts) {
  auto state = m_ports.units.active_state(m_target.unit);
  if (!state) {
    log::error(fmt::format("{}: cannot read the state of {}: {}", m_target.name, m_target.unit,
                           state.error().message),
               {{"TARGET", m_target.name}});
    return false;
  }
  if (*state == "inactive") {
    log::info(fmt::format("{}: {} seen but {} was stopped (by an operator); left alone",
                          m_target.name, detection.reason, m_target.unit),
              {{"TARGET", m_target.name}, {"ACTION", "none"}});
    m_ports.telemetry.set_state(m_target.name, TargetState::left_alone);
    return false;
  }
  if (*state != "active" && *state != "failed") {
    log::info(fmt::format("{}: {} seen while {} is {}; a job is already running, not acting",
                          m_target.name, detection.reason, m_target.unit, *state),
              {{"TARGET", m_target.name}, {"ACTION", "none"}});
    return false;
  }
  if (facts && facts->restarting) {
    log::info(fmt::format("{}: container '{}' is being restarted by Docker's restart policy; "
                          "not acting",
                          m_target.name, m_target.container),
              {{"TARGET", m_target.name}, {"ACTION", "none"}});
    return false;
  }
  return true;
}

// The engine going away (its restart, a crash) kills the container and fails every call until it
// is back. A recovery now would stop the unit and then fail to verify the stop, leaving the unit
// stopped (which later reads as an operator's stop) and fighting the unit's own Restart=. So the
// detection waits, checked again every few seconds, and is judged afresh once the engine answers:
// the retry first looks whether the container came back healthy on its own.
bool Supervisor::wait_for_engine(const Detection& detection, const Result<ContainerFacts>& facts) {
  if (facts || facts.error().kind != ErrorKind::unavailable) {
    if (m_engine_away) {
      m_engine_away = false;
      log::info(fmt::format("{}: the container engine answers again; judging {} now", m_target.name,
                            detection.reason),
                {{"TARGET", m_target.name}});
    }
    return false;
  }
  if (!m_engine_away) {
    m_engine_away = true;
    log::warning(fmt::format("{}: {} seen while the container engine is unreachable ({}); "
                             "waiting for it before acting",
                             m_target.name, detection.reason, facts.error().message),
                 {{"TARGET", m_target.name}, {"ACTION", "wait-engine"}});
  }
  m_pending = detection;
  m_pending_after_failure = true;
  m_pending_due = m_ports.clock.now() + k_engine_poll;
  m_ports.telemetry.set_state(m_target.name, TargetState::cooling_down);
  return true;
}

void Supervisor::attempt(const Detection& detection) {
  const auto facts = m_ports.containers.inspect(m_target.container);
  if (wait_for_engine(detection, facts)) {
    return;
  }
  if (!may_act(detection, facts)) {
    m_pending.reset();
    return;
  }
  const Clock::TimePoint started = m_ports.clock.now();
  m_policy.on_recovery_started(started);
  m_ports.telemetry.set_state(m_target.name, TargetState::recovering);
  m_ports.telemetry.record_recovery(m_target.name, detection.reason, m_ports.clock.wall_now());
  log::notice(
      fmt::format("{}: {} detected, restarting {}", m_target.name, detection.reason, m_target.unit),
      {{"TARGET", m_target.name},
       {"REASON", detection.reason},
       {"RULE", detection.rule},
       {"MATCHED_LINE", detection.matched_line},
       {"ACTION", "restart"},
       {"UNIT", m_target.unit}});
  const RecoveryReport report = m_ports.recovery.run(m_target);
  if (report.stop_issued != Clock::TimePoint{}) {
    m_ports.telemetry.record_detection_latency(report.stop_issued - detection.observed);
  }
  const Clock::TimePoint finished = m_ports.clock.now();
  m_policy.on_recovery_finished(report.healthy, finished);
  m_stale_before = finished;
  if (report.healthy) {
    m_pending.reset();
    m_ports.telemetry.set_state(m_target.name, TargetState::ok);
    log::info(fmt::format("{}: recovered; {} is healthy", m_target.name, m_target.container),
              {{"TARGET", m_target.name}, {"ACTION", "recovered"}});
    return;
  }
  m_pending = detection;
  m_pending_after_failure = true;
  m_pending_due = finished + m_policy.cooldown();
  m_ports.telemetry.set_state(m_target.name, TargetState::cooling_down);
  log::error(
      fmt::format("{}: recovery failed at '{}': {}; next attempt in {}s", m_target.name,
                  report.failed_step, report.detail,
                  std::chrono::duration_cast<std::chrono::seconds>(m_policy.cooldown()).count()),
      {{"TARGET", m_target.name}, {"ACTION", "recovery-failed"}});
}

void Supervisor::retry(Clock::TimePoint now) {
  Detection detection = *m_pending;
  if (m_pending_after_failure) {
    auto healthy =
        m_ports.containers.wait_healthy(m_target.container, m_target.process,
                                        std::chrono::milliseconds(0), std::chrono::milliseconds(0));
    if (healthy && *healthy) {
      log::info(fmt::format("{}: healthy again without another restart", m_target.name),
                {{"TARGET", m_target.name}, {"ACTION", "none"}});
      m_pending.reset();
      m_ports.telemetry.set_state(m_target.name, TargetState::ok);
      return;
    }
  }
  const Decision decision = m_policy.on_retry(now);
  if (decision.verdict == Verdict::cooldown) {
    m_pending_due = decision.due;
    return;
  }
  m_pending.reset();
  detection.observed = now;
  decide(decision, std::move(detection));
}

void Supervisor::check_process(Clock::TimePoint now) {
  m_next_process_check = now + m_target.process_interval;
  if (m_target.process.empty()) {
    return;
  }
  auto facts = m_ports.containers.inspect(m_target.container);
  if (!facts || !facts->running) {
    return;  // a stopped container is reported by its `die` event, or was stopped on purpose
  }
  auto running = m_ports.containers.process_running(m_target.container, m_target.process);
  if (running && !*running) {
    detect(Detection{"process_missing", m_target.process, "", now});
  }
}

void Supervisor::check_health_url(Clock::TimePoint now) {
  if (!m_target.health || m_ports.health == nullptr) {
    m_next_health_check = now + std::chrono::hours(1);
    return;
  }
  m_next_health_check = now + m_target.health->interval;
  auto probe = m_ports.health->probe(m_target.health->url, m_target.health->timeout);
  if (probe) {
    m_health_failures = 0;
    return;
  }
  if (++m_health_failures >= m_target.health->failures) {
    m_health_failures = 0;
    detect(Detection{"health_url_failed", m_target.health->url, line_excerpt(probe.error().message),
                     now});
  }
}

void Supervisor::on_tick(Clock::TimePoint now) {
  if (m_pending && now >= m_pending_due) {
    retry(now);
  }
  if (now >= m_next_process_check) {
    check_process(m_ports.clock.now());
  }
  if (now >= m_next_health_check) {
    check_health_url(m_ports.clock.now());
  }
}

Clock::TimePoint Supervisor::next_due() const {
  Clock::TimePoint due = std::min(m_next_process_check, m_next_health_check);
  if (m_pending) {
    due = std::min(due, m_pending_due);
  }
  return due;
}

}  // namespace harmony::watchdog
