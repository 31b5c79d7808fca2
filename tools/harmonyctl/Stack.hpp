#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace harmony::harmonyctl {

// One supervised stack as the units ship it: the unit users start, its watchdog, the
// container whose life is the unit's life, and what else belongs to it. Names are exact.
struct Stack {
  std::string name;           // "tidal" or "harmony"
  std::string unit;           // the unit that runs the container
  std::string watchdog_unit;  // harmony-watchdog with this stack's preset
  std::string watchdog_url;   // the watchdog's /health (port from the shipped preset)
  std::string watchdog_target;
  std::string container;
  std::string bridge_unit;         // empty when the stack has no volume bridge
  std::string bridge_status_file;  // the bridge's status JSON
  std::string mdns_type;           // empty when the stack advertises nothing
  std::string env_file;            // where the speaker's FRIENDLY_NAME lives
};

// "tidal" or "harmony"; nothing for any other name.
std::optional<Stack> stack_named(std::string_view name);

}  // namespace harmony::harmonyctl
