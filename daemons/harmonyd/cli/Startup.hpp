#pragma once

#include "config/Settings.hpp"
#include "core/Result.hpp"

namespace harmony::harmonyd::cli {

// First boot: creates CONFIG_DIR and writes harmony.yml with every key when it is missing
// (never overwrites). Skipped when --config names a file. Errors are ErrorKind::filesystem.
Result<void> prepare_config(const config::LoadOptions& options);

// Creates missing data directories, then validates config, downloads and music directories
// (exist, are directories, writable via a probe file) and logs each by name. The first bad
// path is an ErrorKind::filesystem error naming it.
Result<void> prepare_directories(const config::Settings& settings);

}  // namespace harmony::harmonyd::cli
