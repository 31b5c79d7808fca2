#pragma once

#include <sys/types.h>

#include <cstdio>
#include <string>

#include "container/Identity.hpp"

namespace harmony::harmonyd::container {

struct PreflightOptions {
  std::string config_dir = "./config";
  std::string downloads_dir = "./downloads";
  std::string music_dir = "./music";
  uid_t puid = k_default_puid;
  gid_t pgid = k_default_pgid;
};

// On the host, before the first `docker compose up`: creates the three directories, gives them
// to puid:pgid when run as root, and proves puid:pgid can write each one (as root by writing a
// probe file as that user; otherwise from the mode bits). Prints one "[ok]" line per directory
// to `out`; on the first failure prints "[error] ..." with the exact fix to `err` and returns 71.
int run_preflight(const PreflightOptions& options, std::FILE* out, std::FILE* err);

}  // namespace harmony::harmonyd::container
