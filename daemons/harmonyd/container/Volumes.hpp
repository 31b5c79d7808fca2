#pragma once

#include <sys/types.h>

#include <string>

#include "core/Result.hpp"

namespace harmony::harmonyd::container {

// One of harmonyd's data directories: `name` is what logs call it ("config", "downloads",
// "music"), `path` is absolute.
struct Volume {
  std::string name;
  std::string path;
};

// The filesystem steps shared by `entrypoint` (inside the container) and `preflight` (on the
// host). Each returns ErrorKind::filesystem naming the path and the system's reason (errno in
// native_code); callers add the fix that fits where they run, and do the logging.

// mkdir -p with `mode` (the process umask still applies). True when it had to create it; an
// error when the path exists but is not a directory.
Result<bool> ensure_directory(const std::string& path, mode_t mode);

// chown (not recursive: a library of 100 000 files must not be walked at every start) when the
// directory's owner differs. True when it changed the owner.
Result<bool> ensure_owner(const std::string& path, uid_t uid, gid_t gid);

// Creates, writes, fsyncs and removes `path/.harmony-probe-XXXXXX` as the calling process: the
// only honest answer to "can this process write here" (mode bits lie about ACLs, read-only
// mounts and root squashing).
Result<void> probe_writable(const std::string& path);

// The same probe in a child process running as uid:gid (with no supplementary groups), so root
// can ask on behalf of the container user. Requires root unless uid:gid is the caller's.
Result<void> probe_writable_as(const std::string& path, uid_t uid, gid_t gid);

}  // namespace harmony::harmonyd::container
