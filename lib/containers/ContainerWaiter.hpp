#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "containers/Readiness.hpp"

namespace harmony::containers {

struct WaitOptions {
  std::chrono::milliseconds timeout{30'000};  // wall clock, probe time included
  std::chrono::milliseconds interval{1000};   // the longest gap between two probes
  std::chrono::milliseconds stable{0};        // how long the condition must keep holding
};

struct WaitOutcome {
  bool reached = false;
  std::chrono::milliseconds waited{0};
  std::string last_seen;  // Verdict::seen of the last probe
};

// Waits until a ReadinessCheck holds for the stability window, or the timeout passes.
// Event-driven: every lifecycle event of the container (and every reconnection of the event
// stream) triggers a probe at once; without events it probes every `interval`. The condition must
// still hold when re-probed at the end of the stability window.
// Engine failures (ErrorKind::unavailable and others) end the wait with that error.
class ContainerWaiter {
 public:
  ContainerWaiter(ContainerRuntime& runtime, ReadinessCheck& check, WaitOptions options);

  Result<WaitOutcome> run();

 private:
  ContainerRuntime& m_runtime;
  ReadinessCheck& m_check;
  WaitOptions m_options;
};

}  // namespace harmony::containers
