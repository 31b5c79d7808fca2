#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/Eventually.hpp"

namespace harmony::testing {

// True when the Docker engine at /var/run/docker.sock answers.
bool docker_engine_available();
// Builds harmony-test/speaker:latest (cached by content hash); true on success.
bool speaker_image_ready();
// Builds harmony-test/speaker-controller:latest (the scripted controller in tmux, FROM
// debian:bookworm; apt over the host network, ~1 min the first time, cached by content hash).
bool speaker_controller_image_ready();
// Runs the docker CLI; returns its exit code (output in `output` when given).
int docker_cli(const std::vector<std::string>& args, std::string* output = nullptr);

// A container with a unique name, started with --network none and removed (docker rm -f) by the
// destructor, so no test leaks one.
class ScopedContainer {
 public:
  // `name_hint` becomes part of the unique name unless `exact_name` is set.
  ScopedContainer(const std::string& name_hint, const std::vector<std::string>& run_args,
                  bool exact_name = false);
  ~ScopedContainer();
  ScopedContainer(const ScopedContainer&) = delete;
  ScopedContainer& operator=(const ScopedContainer&) = delete;
  const std::string& name() const noexcept { return m_name; }
  bool started() const noexcept { return m_started; }

 private:
  std::string m_name;
  bool m_started = false;
};

std::string unique_container_name(const std::string& hint);

}  // namespace harmony::testing
