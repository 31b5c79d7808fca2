#include "containers/Readiness.hpp"

#include <fmt/format.h>

namespace harmony::containers {

std::optional<TargetState> parse_target_state(std::string_view word) noexcept {
  if (word == "stopped") {
    return TargetState::stopped;
  }
  if (word == "running") {
    return TargetState::running;
  }
  if (word == "healthy") {
    return TargetState::healthy;
  }
  return std::nullopt;
}

std::string_view to_string(TargetState state) noexcept {
  switch (state) {
    case TargetState::stopped:
      return "stopped";
    case TargetState::running:
      return "running";
    case TargetState::healthy:
      return "healthy";
  }
  return "healthy";
}

Verdict evaluate(TargetState target, const Observation& observation, std::string_view pattern) {
  Verdict verdict;
  if (!observation.container) {
    verdict.seen = "container absent";
    verdict.reached = target == TargetState::stopped;
    return verdict;
  }
  const ContainerState& state = *observation.container;
  const bool running = state.status == "running";
  verdict.seen =
      fmt::format("status {}, health {}", state.status.empty() ? "unknown" : state.status,
                  state.health.empty() ? "none (no health check)" : state.health);
  if (observation.process_found) {
    verdict.seen +=
        fmt::format(", process '{}' {}", pattern, *observation.process_found ? "found" : "missing");
  }
  switch (target) {
    case TargetState::stopped:
      verdict.reached = !running && state.status != "paused" && state.status != "restarting";
      break;
    case TargetState::running:
      verdict.reached = running;
      break;
    case TargetState::healthy:
      verdict.reached = running && (state.health.empty() || state.health == "healthy") &&
                        observation.process_found.value_or(true);
      break;
  }
  return verdict;
}

ReadinessCheck::ReadinessCheck(ContainerRuntime& runtime, std::string name, TargetState target,
                               std::optional<ProcessPattern> pattern)
    : m_runtime(runtime),
      m_name(std::move(name)),
      m_target(target),
      m_pattern(std::move(pattern)) {}

Result<Verdict> ReadinessCheck::probe() {
  auto inspected = m_runtime.inspect(m_name);
  if (!inspected) {
    return std::move(inspected).error();
  }
  Observation observation{std::move(*inspected), std::nullopt};
  const bool needs_process = m_target == TargetState::healthy && m_pattern.has_value() &&
                             observation.container && observation.container->status == "running";
  if (needs_process) {
    auto processes = m_runtime.processes(m_name);
    if (processes) {
      observation.process_found = m_pattern->matches_any(*processes);
    } else if (processes.error().kind == ErrorKind::not_found) {
      // Removed between the two calls: report it as absent, the next probe will confirm.
      observation.container.reset();
    } else if (processes.error().kind == ErrorKind::unavailable) {
      return std::move(processes).error();
    } else {
      // top answers 409 while the container is stopping: no process is running.
      observation.process_found = false;
    }
  }
  return evaluate(m_target, observation,
                  m_pattern ? std::string_view(m_pattern->text()) : std::string_view{});
}

}  // namespace harmony::containers
