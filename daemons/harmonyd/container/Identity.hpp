#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::harmonyd::container {

// The one place the container's default owner is defined (docs/operations.md quotes it): the
// first regular user on a Debian/Ubuntu host, so files in the bind mounts belong to that user.
inline constexpr uid_t k_default_puid = 1000;
inline constexpr gid_t k_default_pgid = 1000;
// Group-writable, world-readable: what a shared music library usually wants.
inline constexpr mode_t k_default_umask = 022;

// Whom the server runs as inside the container and which umask it applies.
struct Identity {
  uid_t uid = k_default_puid;
  gid_t gid = k_default_pgid;
  mode_t umask = k_default_umask;
};

// Looks up one environment variable; empty optional when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;
// The process environment (getenv).
EnvLookup process_environment();

// 1 to 4 octal digits ("022", "0027", "7"), at most 0777; no prefix, sign or spaces.
// Errors are ErrorKind::config naming `key` and the value.
Result<mode_t> parse_umask(std::string_view key, std::string_view text);
// A decimal id 0..2^31-1. Errors are ErrorKind::config naming `key` and the value.
Result<unsigned> parse_id(std::string_view key, std::string_view text);

// PUID, PGID and UMASK from `env`; unset (or empty) variables take the defaults above.
Result<Identity> identity_from_environment(const EnvLookup& env);

}  // namespace harmony::harmonyd::container
