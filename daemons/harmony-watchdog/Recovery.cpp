#include "Recovery.hpp"

#include <fmt/format.h>

#include "config/Loaders.hpp"
#include "log/Log.hpp"

namespace harmony::watchdog {
namespace {

bool fail(RecoveryReport& report, std::string step, std::string detail) {
  report.failed_step = std::move(step);
  report.detail = std::move(detail);
  return false;
}

void step_log(const TargetSettings& target, std::string_view action, std::string_view message) {
  log::info(fmt::format("{}: {}", target.name, message),
            {{"TARGET", target.name}, {"ACTION", std::string(action)}, {"UNIT", target.unit}});
}

}  // namespace

Result<std::string> mdns_name(const MdnsSettings& mdns) {
  if (!mdns.name.empty()) {
    return mdns.name;
  }
  auto layer = config::load_env_file(mdns.env_file);
  if (!layer) {
    return std::move(layer).error();
  }
  auto it = layer->entries.find("FRIENDLY_NAME");
  if (it == layer->entries.end() || it->second.value.empty()) {
    return make_error(ErrorKind::config,
                      fmt::format("{}: no FRIENDLY_NAME; set it or give mdns.name in the "
                                  "watchdog configuration",
                                  mdns.env_file));
  }
  return it->second.value;
}

Recovery::Recovery(systemd::UnitController& units, ContainerControl& containers,
                   CollisionProbe* collisions, const Clock& clock)
    : m_units(units), m_containers(containers), m_collisions(collisions), m_clock(clock) {}

bool Recovery::stop(const TargetSettings& target, RecoveryReport& report) {
  auto state = m_units.active_state(target.unit);
  if (state && *state == "failed") {
    step_log(target, "reset-failed", fmt::format("unit {} is failed, resetting", target.unit));
    if (auto reset = m_units.reset_failed(target.unit); !reset) {
      return fail(report, "stop", reset.error().message);
    }
  }
  step_log(target, "stop", fmt::format("stopping {}", target.unit));
  report.stop_issued = m_clock.now();
  auto job = m_units.stop(target.unit, target.timeouts.stop);
  if (!job) {
    return fail(report, "stop", job.error().message);
  }
  auto stopped = m_containers.wait_stopped(
      target.container, job->ok() ? target.timeouts.stop : std::chrono::milliseconds(0));
  if (!stopped) {
    return fail(report, "stop", stopped.error().message);
  }
  if (!*stopped) {
    step_log(target, "kill",
             fmt::format("container '{}' still running after stop (job {}), sending SIGKILL",
                         target.container, job->result));
    if (auto killed = m_containers.kill(target.container); !killed) {
      return fail(report, "kill", killed.error().message);
    }
    auto gone = m_containers.wait_stopped(target.container, target.timeouts.kill);
    if (!gone || !*gone) {
      return fail(report, "kill",
                  gone ? fmt::format("container '{}' still running after SIGKILL and {}ms",
                                     target.container, target.timeouts.kill.count())
                       : gone.error().message);
    }
  }
  auto after = m_units.active_state(target.unit);
  if (after && *after != "inactive" && *after != "failed") {
    return fail(
        report, "stop",
        fmt::format("unit {} is '{}' after its stop job ({})", target.unit, *after, job->result));
  }
  auto facts = m_containers.inspect(target.container);
  if (facts && facts->exists) {
    step_log(target, "remove", fmt::format("removing stale container '{}'", target.container));
    if (auto removed = m_containers.remove(target.container); !removed) {
      return fail(report, "remove", removed.error().message);
    }
  }
  return true;
}

bool Recovery::start(const TargetSettings& target, RecoveryReport& report) {
  step_log(target, "start", fmt::format("starting {}", target.unit));
  auto job = m_units.start(target.unit, target.timeouts.start);
  if (!job) {
    return fail(report, "start", job.error().message);
  }
  if (!job->ok()) {
    return fail(report, "start",
                fmt::format("start job of {} ended '{}'; see journalctl -u {}", target.unit,
                            job->result, target.unit));
  }
  auto healthy = m_containers.wait_healthy(target.container, target.process,
                                           target.timeouts.healthy, target.timeouts.stable);
  if (!healthy) {
    return fail(report, "healthy", healthy.error().message);
  }
  if (!*healthy) {
    return fail(report, "healthy",
                fmt::format("container '{}' did not become healthy within {}ms", target.container,
                            target.timeouts.healthy.count()));
  }
  return true;
}

void Recovery::restart_dependents(const TargetSettings& target, RecoveryReport& report) {
  for (const std::string& unit : target.dependents) {
    step_log(target, "restart-dependent", fmt::format("restarting dependent {}", unit));
    auto job = m_units.restart(unit, target.timeouts.dependent);
    if (!job || !job->ok()) {
      const std::string why = job ? job->result : job.error().message;
      log::warning(fmt::format("{}: restarting dependent {} failed: {}", target.name, unit, why),
                   {{"TARGET", target.name}, {"ACTION", "restart-dependent"}, {"UNIT", unit}});
      report.dependents_failed.push_back(unit);
    }
  }
}

void Recovery::check_collision(const TargetSettings& target, RecoveryReport& report) {
  if (!target.mdns || m_collisions == nullptr) {
    return;
  }
  auto name = mdns_name(*target.mdns);
  if (!name) {
    log::warning(
        fmt::format("{}: mDNS collision check skipped: {}", target.name, name.error().message),
        {{"TARGET", target.name}, {"ACTION", "mdns-check"}});
    return;
  }
  auto collision = m_collisions->check(target.mdns->type, *name);
  if (!collision) {
    log::warning(
        fmt::format("{}: mDNS collision check failed: {}", target.name, collision.error().message),
        {{"TARGET", target.name}, {"ACTION", "mdns-check"}});
    return;
  }
  if (!collision->empty()) {
    report.collision = *collision;
    log::error(fmt::format("{}: mDNS name '{}' is also advertised by {}; rename one of them "
                           "(FRIENDLY_NAME)",
                           target.name, *name, *collision),
               {{"TARGET", target.name}, {"ACTION", "mdns-check"}});
  }
}

RecoveryReport Recovery::run(const TargetSettings& target) {
  RecoveryReport report;
  if (!stop(target, report) || !start(target, report)) {
    return report;
  }
  report.healthy = true;
  restart_dependents(target, report);
  check_collision(target, report);
  return report;
}

}  // namespace harmony::watchdog
