#pragma once

#include "ContainerControl.hpp"
#include "containers/ContainerRuntime.hpp"

namespace harmony::watchdog {

// ContainerControl on lib/containers: the same ReadinessCheck and event-driven ContainerWaiter
// that wait-for-container uses, so "stopped" and "healthy" mean the same in both programs.
// The runtime must outlive this object. Thread-safe (the runtime is).
class DockerContainerControl final : public ContainerControl {
 public:
  explicit DockerContainerControl(containers::ContainerRuntime& runtime) : m_runtime(runtime) {}

  Result<ContainerFacts> inspect(const std::string& container) override;
  Result<bool> process_running(const std::string& container, const std::string& process) override;
  Result<bool> wait_stopped(const std::string& container,
                            std::chrono::milliseconds timeout) override;
  Result<bool> wait_healthy(const std::string& container, const std::string& process,
                            std::chrono::milliseconds timeout,
                            std::chrono::milliseconds stable) override;
  Result<void> kill(const std::string& container) override;
  Result<void> remove(const std::string& container) override;

 private:
  containers::ContainerRuntime& m_runtime;
};

}  // namespace harmony::watchdog
