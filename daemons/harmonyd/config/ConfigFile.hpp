#pragma once

#include <string>

#include "config/Keys.hpp"
#include "core/Result.hpp"

namespace harmony::harmonyd::config {

// harmony.yml with every key (except the environment-only ones) under its section, each with
// a one-line comment and the default of `profile`.
std::string render_config_file(Profile profile);

// Writes render_config_file() to `path` when no file exists there; never replaces an existing
// file (O_EXCL, so two starting processes cannot both write). True when it wrote the file.
// Errors are ErrorKind::filesystem naming the path.
Result<bool> ensure_config_file(const std::string& path, Profile profile);

}  // namespace harmony::harmonyd::config
