#pragma once

#include <optional>
#include <string>

#include "config/Layer.hpp"
#include "core/Result.hpp"

namespace harmony::mdns_tools {

// Where wait-for-mdns-clear finds the friendly name, first match wins: the command line
// (--name or the positional NAME), FRIENDLY_NAME in the environment (so a unit's
// EnvironmentFile= works), then FRIENDLY_NAME in the env file. The env file path must be
// absolute: a relative one would depend on the unit's WorkingDirectory=, which is exactly how
// the original script lost the name under systemd.
struct NameSources {
  std::string cli_name;
  std::string env_file;
  bool env_file_given = false;  // a missing file is an error only when it was asked for
};

struct FriendlyName {
  std::string value;
  config::Origin origin;
};

// Nothing when no source has a name. Errors: a relative or unreadable (explicit) env file,
// a malformed env file (ErrorKind::config with file and line), or a name that fails
// mdns::validate_friendly_name (ErrorKind::usage from the command line, ErrorKind::config
// otherwise, the message naming the origin).
Result<std::optional<FriendlyName>> find_friendly_name(const NameSources& sources);

}  // namespace harmony::mdns_tools
