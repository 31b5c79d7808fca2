#pragma once

#include <chrono>
#include <string>

#include "mdns/ClearWaiter.hpp"

namespace harmony::mdns_tools {

// Everything wait-for-mdns-clear was asked to do, after the command line and the name
// sources were read.
struct ClearToolOptions {
  mdns::ClearOptions wait;  // wait.name is empty when no name was found
  std::string name_origin;  // "command line", "environment", "/etc/tidal-connect/tidal.env:2"
  bool strict = false;
  bool check_collision = false;
  std::chrono::milliseconds fallback_delay{5'000};
};

// The modes; each returns the process exit code.
int run_wait(const ClearToolOptions& options);
int run_collision_check(const ClearToolOptions& options);

}  // namespace harmony::mdns_tools
