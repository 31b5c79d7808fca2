#include "Settings.hpp"

#include <fmt/format.h>

#include "config/Loaders.hpp"

namespace harmony::harmonyd {

Result<Settings> load_settings(const std::string& yaml_path) {
  config::Config config;
  Settings settings;
  if (!yaml_path.empty()) {
    auto layer = config::load_yaml_file(yaml_path);
    if (!layer) {
      Error error = std::move(layer).error();
      error.kind = ErrorKind::config;
      return error;
    }
    config.add_layer(std::move(*layer));
    settings.config_file = yaml_path;
  }
  config.add_layer(config::environment_layer());

  auto host = config.get_string("APP_HOST", settings.host);
  auto port = config.get_int("APP_PORT", settings.port, 1, 65535);
  auto level = config.get_string("HARMONY_LOG_LEVEL", "info");
  if (!host) {
    return std::move(host).error();
  }
  if (!port) {
    return std::move(port).error();
  }
  settings.host = *host;
  settings.port = static_cast<int>(*port);
  std::string level_text = *level;
  for (char& c : level_text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!log::parse_level(level_text, settings.log_level)) {
    return make_error(ErrorKind::config,
                      fmt::format("invalid value '{}' for key 'HARMONY_LOG_LEVEL' in {}: expected "
                                  "debug, info, notice, warning, error or critical",
                                  level_text.substr(0, 32), config.origin_of("HARMONY_LOG_LEVEL")));
  }
  return settings;
}

}  // namespace harmony::harmonyd
