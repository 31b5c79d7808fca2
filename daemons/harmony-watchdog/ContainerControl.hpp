#pragma once

#include <chrono>
#include <string>

#include "core/Result.hpp"

namespace harmony::watchdog {

// What the watchdog needs to know about a container right now.
struct ContainerFacts {
  bool exists = false;
  bool running = false;
  bool restarting = false;  // Docker's own restart policy is at work: never interfere
  std::string health;       // starting|healthy|unhealthy, "" without a health check
};

// The container operations of a recovery, owned by the watchdog so its logic is tested with a
// fake (tests/fakes/FakeContainerControl.hpp). The production adapter sits on lib/docker's
// ContainerRuntime and the readiness rules wait-for-container uses, so "healthy" means the same
// thing in both programs. Names are exact. Thread-safe.
class ContainerControl {
 public:
  virtual ~ContainerControl() = default;

  virtual Result<ContainerFacts> inspect(const std::string& container) = 0;
  // Whether a process whose command line matches the RE2 `process` runs in the container.
  virtual Result<bool> process_running(const std::string& container,
                                       const std::string& process) = 0;
  // Blocks until the container is absent or not running; false on timeout.
  virtual Result<bool> wait_stopped(const std::string& container,
                                    std::chrono::milliseconds timeout) = 0;
  // Blocks until running + Docker-healthy (when it has a check) + `process` found (when given),
  // holding for `stable`; false on timeout.
  virtual Result<bool> wait_healthy(const std::string& container, const std::string& process,
                                    std::chrono::milliseconds timeout,
                                    std::chrono::milliseconds stable) = 0;
  virtual Result<void> kill(const std::string& container) = 0;
  // Force-removes the container; absent is success.
  virtual Result<void> remove(const std::string& container) = 0;
};

// After a recovery: does another host advertise our mDNS name? The production adapter uses
// lib/mdns's collision check.
class CollisionProbe {
 public:
  virtual ~CollisionProbe() = default;
  // A description of the collision ("'x' on host b.local (10.0.0.2)"), or "" when clean.
  virtual Result<std::string> check(const std::string& type, const std::string& name) = 0;
};

}  // namespace harmony::watchdog
