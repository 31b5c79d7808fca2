// The judgement half of `harmonyctl status`: from facts to problems, each with the next thing
// to do, and the exit code. Kept apart from collecting so it is tested on plain values.
#include <algorithm>

#include <fmt/format.h>

#include "StatusCollector.hpp"
#include "core/ExitCode.hpp"
#include "mdns/InstanceName.hpp"

namespace harmony::harmonyctl {
namespace {

void add(StatusReport& report, std::string what, std::string next, bool dependency_down = false) {
  report.problems.push_back({std::move(what), std::move(next), dependency_down});
}

const UnitFacts* find_unit(const StatusReport& report, const std::string& unit) {
  for (const UnitFacts& facts : report.units) {
    if (facts.unit == unit) {
      return &facts;
    }
  }
  return nullptr;
}

bool is_active(const StatusReport& report, const std::string& unit) {
  const UnitFacts* facts = find_unit(report, unit);
  return facts != nullptr && facts->status && facts->status->active_state == "active";
}

void assess_units(StatusReport& report) {
  bool systemd_down_reported = false;
  for (const UnitFacts& facts : report.units) {
    if (!facts.status) {
      if (!systemd_down_reported) {
        add(report, fmt::format("systemd cannot be asked about {}: {}", facts.unit, facts.error),
            "run harmonyctl on the host that runs the units, as root (it asks systemd over the "
            "system D-Bus; `systemctl status` must work there)",
            true);
        systemd_down_reported = true;
      }
      continue;
    }
    const systemd::UnitStatus& status = *facts.status;
    const std::string& u = facts.unit;
    if (status.load_state == "not-found") {
      add(report, fmt::format("unit {} is not installed", u),
          fmt::format("install Harmony's package (or `cmake --install`), then `systemctl "
                      "daemon-reload` and `systemctl enable --now {}`",
                      u));
    } else if (status.load_state != "loaded") {
      add(report, fmt::format("unit {} could not be loaded ({})", u, status.load_state),
          fmt::format("`systemctl status {}` names the bad line; fix it and `systemctl "
                      "daemon-reload`",
                      u));
    } else if (status.active_state == "failed") {
      add(report, fmt::format("unit {} failed", u),
          fmt::format("read `journalctl -u {} -n 50`, then `systemctl reset-failed {}` and "
                      "`systemctl start {}`",
                      u, u, u));
    } else if (status.active_state == "activating" || status.active_state == "reloading" ||
               status.sub_state == "auto-restart") {
      add(report, fmt::format("unit {} is {} ({})", u, status.active_state, status.sub_state),
          fmt::format("wait a minute and ask again; `journalctl -u {} -f` shows its progress", u));
    } else if (status.active_state != "active") {
      add(report, fmt::format("unit {} is {}", u, status.active_state),
          fmt::format("`systemctl start {}` (and `systemctl enable {}` to start it at boot)", u,
                      u));
    }
  }
}

void assess_container(StatusReport& report, const Stack& stack) {
  const ContainerFacts& c = report.container;
  if (c.engine_down) {
    add(report,
        fmt::format("the Docker engine cannot be asked about container '{}': {}", c.name, c.error),
        "`systemctl start docker` (check it with `docker info`)", true);
    return;
  }
  if (!c.error.empty()) {
    add(report, fmt::format("container '{}' could not be inspected: {}", c.name, c.error),
        "`docker inspect " + c.name + "` shows what the engine says");
    return;
  }
  const bool unit_active = is_active(report, stack.unit);
  if (!c.state) {
    if (unit_active) {
      add(report, fmt::format("no container is named exactly '{}'", c.name),
          fmt::format("`systemctl restart {}`; `docker ps -a` lists the containers there are",
                      stack.unit));
    }
    return;  // with the unit down, the unit's problem already says what to do
  }
  const containers::ContainerState& s = *c.state;
  if (s.status != "running") {
    add(report, fmt::format("container '{}' is {} (exit code {})", c.name, s.status, s.exit_code),
        fmt::format("`docker logs --tail 50 {}`, then `systemctl restart {}`", c.name, stack.unit));
  } else if (s.health == "unhealthy") {
    add(report, fmt::format("container '{}' is running but unhealthy", c.name),
        fmt::format("`docker inspect --format '{{{{json .State.Health}}}}' {}` shows the failing "
                    "check; the watchdog restarts it, or `systemctl restart {}`",
                    c.name, stack.unit));
  } else if (s.health == "starting") {
    add(report, fmt::format("container '{}' is still starting (health check pending)", c.name),
        "wait a few seconds and ask again");
  }
}

std::string list_names(const NameSurvey& survey) {
  std::string text;
  for (const NameInstance& i : survey.instances) {
    text += fmt::format("{}'{}'{}", text.empty() ? "" : ", ", mdns::printable(i.name),
                        i.local ? " (this host)" : " (another host)");
  }
  return text;
}

void assess_mdns(StatusReport& report, const Stack& stack) {
  const MdnsFacts& m = report.mdns;
  if (!m.wanted) {
    return;
  }
  if (m.friendly_name.empty()) {
    add(report, fmt::format("the speaker's name is unknown: {}", m.error),
        fmt::format("set FRIENDLY_NAME in {} (or pass --name)", stack.env_file));
    return;
  }
  if (m.daemon_down) {
    add(report, fmt::format("avahi-daemon cannot be asked about {}: {}", m.type, m.error),
        "`systemctl start avahi-daemon` (the speaker registers its name through it)", true);
    return;
  }
  if (!m.survey) {
    add(report, fmt::format("mDNS browse of {} failed: {}", m.type, m.error),
        "`avahi-browse -rt " + m.type + "` shows what Avahi sees");
    return;
  }
  const NameSurvey& survey = *m.survey;
  if (survey.instances.empty()) {
    if (is_active(report, stack.unit)) {
      add(report, fmt::format("'{}' is not advertised as {}", m.friendly_name, m.type),
          "`harmonyctl fix-name-collision` restarts the speaker once its old name has cleared");
    }
    return;
  }
  if (!survey.collision()) {
    return;
  }
  if (survey.any_remote()) {
    add(report,
        fmt::format("mDNS collision: another device advertises '{}': {}", m.friendly_name,
                    list_names(survey)),
        fmt::format("give this speaker another FRIENDLY_NAME in {}, then `systemctl restart {}`",
                    stack.env_file, stack.unit));
  } else {
    add(report,
        fmt::format("mDNS collision: {} instances of '{}': {}", survey.instances.size(),
                    m.friendly_name, list_names(survey)),
        "`harmonyctl fix-name-collision` (stops the speaker until its old name has cleared)");
  }
}

void assess_watchdog(StatusReport& report, const Stack& stack) {
  const WatchdogFacts& w = report.watchdog;
  if (!w.answered) {
    if (is_active(report, stack.watchdog_unit)) {
      add(report, fmt::format("the watchdog does not answer: {}", w.error),
          fmt::format("`journalctl -u {} -n 50`", stack.watchdog_unit));
    }
    return;
  }
  if (w.state == "GAVE UP") {
    add(report,
        fmt::format("the watchdog gave up on {} after repeated failed recoveries (last: {})",
                    stack.unit, w.last_reason.empty() ? "unknown" : w.last_reason),
        fmt::format("fix what `journalctl -u {} -n 50` shows, then `systemctl restart {}`",
                    stack.watchdog_unit, stack.watchdog_unit));
  }
}

void assess_bridge(StatusReport& report, const Stack& stack) {
  const BridgeFacts& b = report.bridge;
  if (!b.wanted || b.present || !is_active(report, stack.bridge_unit)) {
    return;
  }
  add(report, fmt::format("the volume bridge runs but its status is unreadable: {}", b.error),
      fmt::format("`journalctl -u {} -n 50`", stack.bridge_unit));
}

}  // namespace

void assess(StatusReport& report, const Stack& stack) {
  report.problems.clear();
  assess_units(report);
  assess_container(report, stack);
  assess_mdns(report, stack);
  assess_watchdog(report, stack);
  assess_bridge(report, stack);
  const bool down = std::any_of(report.problems.begin(), report.problems.end(),
                                [](const Problem& p) { return p.dependency_down; });
  report.exit_code = down                      ? exit_code::k_unavailable
                     : report.problems.empty() ? exit_code::k_ok
                                               : exit_code::k_failure;
}

}  // namespace harmony::harmonyctl
