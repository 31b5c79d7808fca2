#pragma once

#include <string>

#include "config/Layer.hpp"
#include "core/Result.hpp"

namespace harmony::config {

// Reads a YAML file of `KEY: value` pairs, optionally grouped one level deep under section
// names. A missing file is ErrorKind::not_found; a syntax error is ErrorKind::config naming the
// file and line; a value nested deeper than a section is rejected the same way.
Result<Layer> load_yaml_file(const std::string& path);
Result<Layer> parse_yaml(const std::string& text, const std::string& source_name);

// Reads a dotenv file: `KEY=value`, optional `export `, '#' comments, single or double quotes.
// A line that is not an assignment is ErrorKind::config naming file and line.
Result<Layer> load_env_file(const std::string& path);
Result<Layer> parse_env(const std::string& text, const std::string& source_name);

// The process environment (every variable; lookups decide which keys matter).
Layer environment_layer();

}  // namespace harmony::config
