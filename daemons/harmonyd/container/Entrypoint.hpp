#pragma once

#include <string>
#include <vector>

#include "container/Identity.hpp"

namespace harmony::harmonyd::container {

struct EntrypointOptions {
  // Program exec'd at the end (the harmonyd binary itself) and the arguments after `--`.
  std::string server_program = "/proc/self/exe";
  std::vector<std::string> server_args;
};

// The image's ENTRYPOINT (runs as root): applies UMASK, creates and chowns the configured
// config, downloads and music directories (CONFIG_DIR, DOWNLOADS_DIR, MUSIC_DIR; /config,
// /downloads, /music in the container profile) for PUID:PGID, drops root for good, proves the
// directories writable as that user, writes harmony.yml on first boot, opens and migrates the
// SQLite file, then execs the server. One log line per step, naming the path.
// Returns only on failure, with the exit code: 78 bad PUID/PGID/UMASK, 71 a directory or the
// database cannot be used (the message names the path and the chown fix), 70 internal.
int run_entrypoint(const EntrypointOptions& options, const EnvLookup& env);

}  // namespace harmony::harmonyd::container
