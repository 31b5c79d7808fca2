#include "container/Identity.hpp"

#include <cstdlib>

#include <fmt/format.h>

namespace harmony::harmonyd::container {
namespace {

constexpr unsigned k_max_id = 0x7fffffff;

Error config_error(std::string_view key, std::string_view text, std::string_view expected) {
  return Error{ErrorKind::config,
               fmt::format("{}='{}' is not {}; fix the {} environment variable of the container",
                           key, text.substr(0, 32), expected, key)};
}

}  // namespace

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

Result<mode_t> parse_umask(std::string_view key, std::string_view text) {
  if (text.empty() || text.size() > 4) {
    return config_error(key, text, "an octal umask such as 022 (1 to 4 digits 0-7)");
  }
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '7') {
      return config_error(key, text, "an octal umask such as 022 (1 to 4 digits 0-7)");
    }
    value = value * 8 + static_cast<unsigned>(c - '0');
  }
  if (value > 0777) {
    return config_error(key, text, "an octal umask of at most 0777");
  }
  return static_cast<mode_t>(value);
}

Result<unsigned> parse_id(std::string_view key, std::string_view text) {
  if (text.empty() || text.size() > 10) {
    return config_error(key, text, "a numeric id such as 1000");
  }
  unsigned long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return config_error(key, text, "a numeric id such as 1000");
    }
    value = value * 10 + static_cast<unsigned long>(c - '0');
  }
  if (value > k_max_id) {
    return config_error(key, text, fmt::format("a numeric id of at most {}", k_max_id));
  }
  return static_cast<unsigned>(value);
}

Result<Identity> identity_from_environment(const EnvLookup& env) {
  Identity identity;
  auto set = [&](std::string_view key) -> std::optional<std::string> {
    auto value = env(key);
    if (value && value->empty()) {
      return std::nullopt;
    }
    return value;
  };
  if (auto text = set("PUID")) {
    auto id = parse_id("PUID", *text);
    if (!id) {
      return std::move(id).error();
    }
    identity.uid = *id;
  }
  if (auto text = set("PGID")) {
    auto id = parse_id("PGID", *text);
    if (!id) {
      return std::move(id).error();
    }
    identity.gid = *id;
  }
  if (auto text = set("UMASK")) {
    auto mask = parse_umask("UMASK", *text);
    if (!mask) {
      return std::move(mask).error();
    }
    identity.umask = *mask;
  }
  return identity;
}

}  // namespace harmony::harmonyd::container
