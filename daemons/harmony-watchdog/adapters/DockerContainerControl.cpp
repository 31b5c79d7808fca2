#include "adapters/DockerContainerControl.hpp"

#include <algorithm>

#include "containers/ContainerWaiter.hpp"
#include "containers/ProcessPattern.hpp"
#include "containers/Readiness.hpp"

namespace harmony::watchdog {
namespace {

// Probe at least this often while waiting; events make most probes immediate anyway.
constexpr std::chrono::milliseconds k_probe_interval{500};

Result<bool> wait_for(containers::ContainerRuntime& runtime, const std::string& container,
                      containers::TargetState state, const std::string& process,
                      std::chrono::milliseconds timeout, std::chrono::milliseconds stable) {
  std::optional<containers::ProcessPattern> pattern;
  if (!process.empty()) {
    auto compiled = containers::ProcessPattern::compile(process);
    if (!compiled) {
      return std::move(compiled).error();
    }
    pattern = std::move(*compiled);
  }
  containers::ReadinessCheck check(runtime, container, state, std::move(pattern));
  if (timeout.count() == 0) {
    auto verdict = check.probe();
    if (!verdict) {
      return std::move(verdict).error();
    }
    return verdict->reached;
  }
  containers::ContainerWaiter waiter(runtime, check,
                                     {timeout, std::min(k_probe_interval, timeout), stable});
  auto outcome = waiter.run();
  if (!outcome) {
    return std::move(outcome).error();
  }
  return outcome->reached;
}

}  // namespace

Result<ContainerFacts> DockerContainerControl::inspect(const std::string& container) {
  auto state = m_runtime.inspect(container);
  if (!state) {
    return std::move(state).error();
  }
  ContainerFacts facts;
  if (!state->has_value()) {
    return facts;
  }
  const containers::ContainerState& s = **state;
  facts.exists = true;
  facts.running = s.status == "running";
  facts.restarting = s.restarting || s.status == "restarting";
  facts.health = s.health;
  return facts;
}

Result<bool> DockerContainerControl::process_running(const std::string& container,
                                                     const std::string& process) {
  auto pattern = containers::ProcessPattern::compile(process);
  if (!pattern) {
    return std::move(pattern).error();
  }
  auto processes = m_runtime.processes(container);
  if (!processes) {
    return std::move(processes).error();
  }
  return pattern->matches_any(*processes);
}

Result<bool> DockerContainerControl::wait_stopped(const std::string& container,
                                                  std::chrono::milliseconds timeout) {
  return wait_for(m_runtime, container, containers::TargetState::stopped, "", timeout,
                  std::chrono::milliseconds(0));
}

Result<bool> DockerContainerControl::wait_healthy(const std::string& container,
                                                  const std::string& process,
                                                  std::chrono::milliseconds timeout,
                                                  std::chrono::milliseconds stable) {
  return wait_for(m_runtime, container, containers::TargetState::healthy, process, timeout, stable);
}

Result<void> DockerContainerControl::kill(const std::string& container) {
  return m_runtime.kill(container, "SIGKILL");
}

Result<void> DockerContainerControl::remove(const std::string& container) {
  auto removed = m_runtime.remove(container, true);
  if (!removed && removed.error().kind == ErrorKind::not_found) {
    return {};
  }
  return removed;
}

}  // namespace harmony::watchdog
