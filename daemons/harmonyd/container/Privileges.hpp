#pragma once

#include <sys/types.h>

#include "core/Result.hpp"

namespace harmony::harmonyd::container {

// Permanently becomes uid:gid with no supplementary groups: setgroups, setgid, setuid (in that
// order: after setuid the others are no longer allowed), sets no_new_privs, then proves the
// drop: real, effective and saved ids all match, and setuid(0)/setgid(0) fail. Any failure is
// ErrorKind::internal naming the call; the caller must not continue as root then.
// uid 0 is refused (ErrorKind::config): the point of the entrypoint is not to serve as root.
Result<void> drop_privileges(uid_t uid, gid_t gid);

}  // namespace harmony::harmonyd::container
