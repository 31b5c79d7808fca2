#include "Telemetry.hpp"

#include <ctime>

#include <fmt/format.h>

namespace harmony::watchdog {
namespace {

constexpr double k_bounds[] = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// Local calendar day of a wall time, so "today" means what the person reading STATUS thinks.
int local_day(Clock::WallTime at) {
  const std::time_t seconds = Clock::WallTime::clock::to_time_t(at);
  std::tm parts{};
  localtime_r(&seconds, &parts);
  return (parts.tm_year + 1900) * 1000 + parts.tm_yday;
}

std::string ago(Clock::WallTime then, Clock::WallTime now) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now - then).count();
  if (seconds < 60) {
    return fmt::format("{}s ago", std::max<long long>(seconds, 0));
  }
  if (seconds < 3600) {
    return fmt::format("{}m ago", seconds / 60);
  }
  return fmt::format("{}h{:02}m ago", seconds / 3600, (seconds % 3600) / 60);
}

// Prometheus label values escape backslash, quote and newline.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(TargetState state) noexcept {
  switch (state) {
    case TargetState::ok:
      return "ok";
    case TargetState::recovering:
      return "recovering";
    case TargetState::cooling_down:
      return "cooling down";
    case TargetState::gave_up:
      return "GAVE UP";
    case TargetState::left_alone:
      return "stopped by operator, left alone";
  }
  return "unknown";
}

std::vector<double> Telemetry::bucket_bounds() {
  return {std::begin(k_bounds), std::end(k_bounds)};
}

Telemetry::Telemetry(const std::vector<std::string>& targets)
    : m_latency_buckets(std::size(k_bounds), 0) {
  for (const std::string& name : targets) {
    m_targets[name].name = name;
  }
}

void Telemetry::set_state(const std::string& target, TargetState state, int gave_up_after) {
  std::lock_guard lock(m_mutex);
  TargetSnapshot& snapshot = m_targets[target];
  snapshot.name = target;
  snapshot.state = state;
  if (state == TargetState::gave_up) {
    snapshot.gave_up_after = gave_up_after;
  }
}

void Telemetry::record_recovery(const std::string& target, const std::string& reason,
                                Clock::WallTime at) {
  std::lock_guard lock(m_mutex);
  TargetSnapshot& snapshot = m_targets[target];
  snapshot.last_reason = reason;
  snapshot.last_at = at;
  auto& times = m_recoveries[target];
  times.push_back(at);
  std::erase_if(times, [&](Clock::WallTime t) { return local_day(t) != local_day(at); });
  ++m_restarts_total[{target, reason}];
}

void Telemetry::record_detection_latency(std::chrono::duration<double> seconds) {
  std::lock_guard lock(m_mutex);
  const double value = seconds.count();
  for (std::size_t i = 0; i < std::size(k_bounds); ++i) {
    if (value <= k_bounds[i]) {
      ++m_latency_buckets[i];
    }
  }
  ++m_latency_count;
  m_latency_sum += value;
}

std::vector<TargetSnapshot> Telemetry::snapshot() const {
  std::lock_guard lock(m_mutex);
  std::vector<TargetSnapshot> out;
  for (const auto& [name, snapshot] : m_targets) {
    TargetSnapshot copy = snapshot;
    auto it = m_recoveries.find(name);
    copy.restarts_today = it == m_recoveries.end() ? 0 : static_cast<int>(it->second.size());
    out.push_back(std::move(copy));
  }
  return out;
}

bool Telemetry::any_gave_up() const {
  std::lock_guard lock(m_mutex);
  for (const auto& [name, snapshot] : m_targets) {
    if (snapshot.state == TargetState::gave_up) {
      return true;
    }
  }
  return false;
}

std::string Telemetry::status_line(Clock::WallTime now) const {
  std::string line;
  for (const TargetSnapshot& target : snapshot()) {
    const int today =
        target.last_at == Clock::WallTime{} || local_day(target.last_at) != local_day(now)
            ? 0
            : target.restarts_today;
    std::string part = fmt::format("{} {}", target.name, to_string(target.state));
    if (target.state == TargetState::gave_up) {
      part += fmt::format(" after {} restarts", target.gave_up_after);
    }
    part += fmt::format(", {} restart{} today", today, today == 1 ? "" : "s");
    if (!target.last_reason.empty()) {
      part += fmt::format(", last {} {}", target.last_reason, ago(target.last_at, now));
    }
    line += line.empty() ? part : "; " + part;
  }
  return line;
}

std::string Telemetry::prometheus_text() const {
  const std::vector<TargetSnapshot> targets = snapshot();
  std::lock_guard lock(m_mutex);
  std::string out;
  out += "# HELP watchdog_restarts_total Recoveries started, by target and detection reason.\n";
  out += "# TYPE watchdog_restarts_total counter\n";
  for (const auto& [key, count] : m_restarts_total) {
    out += fmt::format("watchdog_restarts_total{{target=\"{}\",reason=\"{}\"}} {}\n",
                       label(key.first), label(key.second), count);
  }
  out += "# HELP watchdog_detection_seconds From a failure being observed to the stop job.\n";
  out += "# TYPE watchdog_detection_seconds histogram\n";
  for (std::size_t i = 0; i < std::size(k_bounds); ++i) {
    out += fmt::format("watchdog_detection_seconds_bucket{{le=\"{}\"}} {}\n", k_bounds[i],
                       m_latency_buckets[i]);
  }
  out += fmt::format("watchdog_detection_seconds_bucket{{le=\"+Inf\"}} {}\n", m_latency_count);
  out += fmt::format("watchdog_detection_seconds_sum {}\n", m_latency_sum);
  out += fmt::format("watchdog_detection_seconds_count {}\n", m_latency_count);
  out += "# HELP watchdog_gave_up 1 when the watchdog stopped acting for the target.\n";
  out += "# TYPE watchdog_gave_up gauge\n";
  for (const TargetSnapshot& target : targets) {
    out += fmt::format("watchdog_gave_up{{target=\"{}\"}} {}\n", label(target.name),
                       target.state == TargetState::gave_up ? 1 : 0);
  }
  return out;
}

}  // namespace harmony::watchdog
