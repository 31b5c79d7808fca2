#include "Stack.hpp"

namespace harmony::harmonyctl {

std::optional<Stack> stack_named(std::string_view name) {
  // Ports and paths as units/*.service.in, docs/watchdog/*.yml and the volume bridge's
  // defaults ship them.
  if (name == "tidal") {
    return Stack{"tidal",
                 "tidal.service",
                 "tidal-watchdog.service",
                 "http://127.0.0.1:9620/health",
                 "tidal",
                 "tidal_connect",
                 "tidal-volume-bridge.service",
                 "/run/harmony/tidal-status.json",
                 "_tidalconnect._tcp",
                 "/etc/tidal-connect/tidal.env"};
  }
  if (name == "harmony") {
    return Stack{"harmony",
                 "harmony.service",
                 "harmony-watchdog.service",
                 "http://127.0.0.1:9621/health",
                 "harmony",
                 "harmony",
                 "",
                 "",
                 "",
                 ""};
  }
  return std::nullopt;
}

}  // namespace harmony::harmonyctl
