#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "containers/ContainerRuntime.hpp"
#include "containers/ProcessPattern.hpp"

namespace harmony::containers {

// The states a unit hook (or the watchdog) can wait for.
enum class TargetState { stopped, running, healthy };

std::optional<TargetState> parse_target_state(std::string_view word) noexcept;
std::string_view to_string(TargetState state) noexcept;

// One look at a container: its state (nothing = absent) and, when a process pattern is in play,
// whether a matching process was running.
struct Observation {
  std::optional<ContainerState> container;
  std::optional<bool> process_found;
};

struct Verdict {
  bool reached = false;
  // What was seen, for people: "status running, health unhealthy, process 'x' not found".
  std::string seen;
};

// The rules, without I/O:
//   stopped: absent, or State.Status is not running (paused and restarting count as not stopped).
//   running: State.Status == running.
//   healthy: running, Docker health `healthy` when the container defines a health check, and a
//            process matching the pattern was found when one is given.
Verdict evaluate(TargetState target, const Observation& observation, std::string_view pattern = {});

// Takes an Observation through a ContainerRuntime (inspect, plus top when `healthy` needs the
// process) and evaluates it. The watchdog and wait-for-container share this.
class ReadinessCheck {
 public:
  ReadinessCheck(ContainerRuntime& runtime, std::string name, TargetState target,
                 std::optional<ProcessPattern> pattern = std::nullopt);

  Result<Verdict> probe();
  const std::string& name() const noexcept { return m_name; }
  TargetState target() const noexcept { return m_target; }

 private:
  ContainerRuntime& m_runtime;
  std::string m_name;
  TargetState m_target;
  std::optional<ProcessPattern> m_pattern;
};

}  // namespace harmony::containers
