#include "FriendlyName.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "config/Loaders.hpp"
#include "mdns/InstanceName.hpp"

namespace harmony::mdns_tools {
namespace {

constexpr const char* k_key = "FRIENDLY_NAME";

Result<std::optional<FriendlyName>> checked(FriendlyName name, ErrorKind kind) {
  if (auto valid = mdns::validate_friendly_name(name.value); !valid) {
    return make_error(
        kind, fmt::format("{} ({}): {}", k_key, name.origin.describe(), valid.error().message));
  }
  return std::optional<FriendlyName>(std::move(name));
}

}  // namespace

Result<std::optional<FriendlyName>> find_friendly_name(const NameSources& sources) {
  if (!sources.cli_name.empty()) {
    return checked({sources.cli_name, {"command line", 0}}, ErrorKind::usage);
  }
  if (const char* from_env = std::getenv(k_key); from_env != nullptr && *from_env != '\0') {
    return checked({from_env, {"environment", 0}}, ErrorKind::config);
  }
  if (sources.env_file.empty() || sources.env_file.front() != '/') {
    return make_error(ErrorKind::usage,
                      fmt::format("--env-file '{}' is not an absolute path; give the full path "
                                  "(a relative one depends on the unit's WorkingDirectory=)",
                                  sources.env_file));
  }
  auto layer = config::load_env_file(sources.env_file);
  if (!layer) {
    if (layer.error().kind == ErrorKind::not_found && !sources.env_file_given) {
      return std::optional<FriendlyName>();
    }
    const ErrorKind kind =
        layer.error().kind == ErrorKind::not_found ? ErrorKind::config : layer.error().kind;
    return make_error(kind, layer.error().message + "; fix --env-file or set FRIENDLY_NAME");
  }
  const auto found = layer->entries.find(k_key);
  if (found == layer->entries.end() || found->second.value.empty()) {
    return std::optional<FriendlyName>();
  }
  return checked({found->second.value, found->second.origin}, ErrorKind::config);
}

}  // namespace harmony::mdns_tools
