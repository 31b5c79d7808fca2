#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "containers/ContainerName.hpp"
#include "containers/Readiness.hpp"
#include "core/Result.hpp"

namespace harmony::wait_for_container {

struct Options {
  std::string name = "tidal_connect";
  containers::TargetState state = containers::TargetState::running;
  std::chrono::milliseconds timeout{30'000};
  std::chrono::milliseconds interval{1000};
  std::chrono::milliseconds stable{0};  // 2 s for `healthy` unless given
  std::optional<std::string> process;
  bool notify = false;
};

// What parsing decided: run with options, or exit at once (after --help / --version, or a
// usage error whose message is in `message`).
struct Parsed {
  std::optional<Options> options;
  int exit_code = 0;
  std::string message;
};

// Seed-compatible `NAME MAX_WAIT INTERVAL STATE` positionals and named flags (flags win).
// Bad input (unknown state, negative or non-numeric durations, invalid container names) gives
// exit 64 with the reason and the usage.
Parsed parse_options(const std::vector<std::string>& args);

using containers::is_valid_container_name;

}  // namespace harmony::wait_for_container
