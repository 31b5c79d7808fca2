#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "config/Loaders.hpp"

extern char** environ;

namespace harmony::config {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

bool valid_key(std::string_view key) {
  if (key.empty() || (key.front() >= '0' && key.front() <= '9')) {
    return false;
  }
  for (char c : key) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<Layer> parse_env(const std::string& text, const std::string& source_name) {
  Layer layer{source_name, {}};
  std::istringstream lines(text);
  std::string raw;
  int number = 0;
  while (std::getline(lines, raw)) {
    ++number;
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (line.starts_with("export ")) {
      line = trim(line.substr(7));
    }
    const auto equals = line.find('=');
    const std::string_view key =
        equals == std::string_view::npos ? line : trim(line.substr(0, equals));
    if (equals == std::string_view::npos || !valid_key(key)) {
      return make_error(ErrorKind::config, fmt::format("{}:{}: expected KEY=value, found '{}'",
                                                       source_name, number, line.substr(0, 80)));
    }
    std::string_view value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
      if (value.back() != value.front()) {
        return make_error(ErrorKind::config,
                          fmt::format("{}:{}: the quote opened for '{}' is not closed", source_name,
                                      number, key));
      }
      value = value.substr(1, value.size() - 2);
    } else if (const auto hash = value.find(" #"); hash != std::string_view::npos) {
      value = trim(value.substr(0, hash));
    }
    layer.entries[std::string(key)] = Entry{std::string(value), Origin{source_name, number}};
  }
  return layer;
}

Result<Layer> load_env_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return make_error(ErrorKind::not_found, fmt::format("{}: cannot open the file", path), errno);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_env(text.str(), path);
}

Layer environment_layer() {
  Layer layer{"environment", {}};
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) {
      continue;
    }
    layer.entries[std::string(text.substr(0, equals))] =
        Entry{std::string(text.substr(equals + 1)), Origin{"environment", 0}};
  }
  return layer;
}

}  // namespace harmony::config
