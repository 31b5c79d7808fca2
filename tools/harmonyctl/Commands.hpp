#pragma once

#include "Options.hpp"

namespace harmony::harmonyctl {

// The composition root: connects the real adapters (systemd over D-Bus, the Docker engine's
// socket, avahi-daemon, the watchdog's HTTP endpoint, the bridge's status file), each bounded
// by --timeout, and runs the command. Returns the exit code.
int run_status(const Options& options);
int run_fix_name_collision(const Options& options);

}  // namespace harmony::harmonyctl
