#pragma once

#include <string>

#include "config/Config.hpp"
#include "core/Result.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd {

// harmonyd's validated configuration. Built once at startup from the layered sources; every
// field has passed its checks, so the rest of the daemon never re-validates.
struct Settings {
  std::string config_file;  // the YAML file read, or "" when none
  std::string host = "127.0.0.1";
  int port = 8080;
  log::Level log_level = log::Level::info;
};

// Reads `yaml_path` (when not empty; it must exist), then the environment, and validates.
// Errors are ErrorKind::config naming the key (or file and line) and the source.
Result<Settings> load_settings(const std::string& yaml_path);

}  // namespace harmony::harmonyd
