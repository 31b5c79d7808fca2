#include "Settings.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "config/Loaders.hpp"
#include "wire/Url.hpp"

namespace harmony::bridge {
namespace {

// Collects the first error of a series of typed reads, so settings_from stays linear.
class Reader {
 public:
  explicit Reader(const config::Config& config) : m_config(config) {}

  template <typename T, typename Get>
  void read(T& target, Get get) {
    if (m_error) {
      return;
    }
    auto value = get(m_config);
    if (!value) {
      m_error = std::move(value).error();
      return;
    }
    target = static_cast<T>(*value);
  }
  void string(std::string& target, const char* key) {
    read(target, [&](const config::Config& c) { return c.get_string(key, target); });
  }
  void boolean(bool& target, const char* key) {
    read(target, [&](const config::Config& c) { return c.get_bool(key, target); });
  }
  void duration(std::chrono::milliseconds& target, const char* key) {
    read(target, [&](const config::Config& c) { return c.get_duration(key, target); });
  }
  void fail(Error error) {
    if (!m_error) {
      m_error = std::move(error);
    }
  }
  std::optional<Error>& error() { return m_error; }

 private:
  const config::Config& m_config;
  std::optional<Error> m_error;
};

Error invalid(const config::Config& config, const char* key, const std::string& value,
              const char* expected) {
  return make_error(ErrorKind::config,
                    fmt::format("invalid value '{}' for key '{}' in {}: expected {}",
                                value.substr(0, 64), key, config.origin_of(key), expected));
}

}  // namespace

const std::set<std::string>& known_keys() {
  static const std::set<std::string> keys{"BRIDGE_CONTAINER",
                                          "BRIDGE_TMUX_SESSION",
                                          "BRIDGE_POLL_RATE_HZ",
                                          "BRIDGE_BACKOFF_INITIAL",
                                          "BRIDGE_BACKOFF_MAX",
                                          "DOCKER_HOST",
                                          "BRIDGE_MIXER_ENABLED",
                                          "BRIDGE_MIXER_DEVICE",
                                          "BRIDGE_MIXER_CONTROL",
                                          "BRIDGE_MIXER_CURVE",
                                          "BRIDGE_MIXER_MUTE_SWITCH",
                                          "BRIDGE_MIXER_ECHO_WINDOW",
                                          "BRIDGE_STATUS_FILE",
                                          "BRIDGE_STATUS_POSITION_INTERVAL",
                                          "BRIDGE_AUDIOCONTROL_URL",
                                          "BRIDGE_AUDIOCONTROL_RESYNC",
                                          "BRIDGE_AUDIOCONTROL_TIMEOUT",
                                          "BRIDGE_MPRIS_ENABLED",
                                          "BRIDGE_MPRIS_BUS",
                                          "BRIDGE_MPRIS_NAME",
                                          "HARMONY_LOG_LEVEL"};
  return keys;
}

Result<Settings> settings_from(const config::Config& config) {
  Settings s;
  Reader r(config);
  r.string(s.container, "BRIDGE_CONTAINER");
  r.string(s.tmux_session, "BRIDGE_TMUX_SESSION");
  r.read(s.poll_rate_hz, [&](const config::Config& c) {
    return c.get_double("BRIDGE_POLL_RATE_HZ", 5.0, 0.2, 50.0);
  });
  r.duration(s.backoff_initial, "BRIDGE_BACKOFF_INITIAL");
  r.duration(s.backoff_max, "BRIDGE_BACKOFF_MAX");
  r.string(s.docker_host, "DOCKER_HOST");
  r.boolean(s.mixer_enabled, "BRIDGE_MIXER_ENABLED");
  r.string(s.mixer_device, "BRIDGE_MIXER_DEVICE");
  r.string(s.mixer_control, "BRIDGE_MIXER_CONTROL");
  std::string curve = "db";
  r.string(curve, "BRIDGE_MIXER_CURVE");
  r.boolean(s.mixer_mute_switch, "BRIDGE_MIXER_MUTE_SWITCH");
  r.duration(s.mixer_echo_window, "BRIDGE_MIXER_ECHO_WINDOW");
  r.string(s.status_file, "BRIDGE_STATUS_FILE");
  r.duration(s.status_position_interval, "BRIDGE_STATUS_POSITION_INTERVAL");
  r.string(s.audiocontrol_url, "BRIDGE_AUDIOCONTROL_URL");
  r.duration(s.audiocontrol_resync, "BRIDGE_AUDIOCONTROL_RESYNC");
  r.duration(s.audiocontrol_timeout, "BRIDGE_AUDIOCONTROL_TIMEOUT");
  r.boolean(s.mpris_enabled, "BRIDGE_MPRIS_ENABLED");
  r.string(s.mpris_bus, "BRIDGE_MPRIS_BUS");
  r.string(s.mpris_name, "BRIDGE_MPRIS_NAME");
  std::string level = "info";
  r.string(level, "HARMONY_LOG_LEVEL");
  if (r.error()) {
    return std::move(*r.error());
  }
  if (auto kind = parse_curve(curve)) {
    s.mixer_curve = *kind;
  } else {
    return invalid(config, "BRIDGE_MIXER_CURVE", curve, "linear or db");
  }
  if (!log::parse_level(level, s.log_level)) {
    return invalid(config, "HARMONY_LOG_LEVEL", level,
                   "debug, info, notice, warning, error or critical");
  }
  if (s.container.empty()) {
    return invalid(config, "BRIDGE_CONTAINER", s.container, "a container name");
  }
  if (s.backoff_initial.count() <= 0 || s.backoff_max < s.backoff_initial) {
    return invalid(config, "BRIDGE_BACKOFF_MAX", std::to_string(s.backoff_max.count()) + "ms",
                   "a duration at least BRIDGE_BACKOFF_INITIAL (both > 0)");
  }
  if (!s.status_file.empty() && s.status_file.front() != '/') {
    return invalid(config, "BRIDGE_STATUS_FILE", s.status_file,
                   "an absolute path, or empty to disable");
  }
  if (!s.audiocontrol_url.empty() && !wire::parse_http_url(s.audiocontrol_url)) {
    return invalid(config, "BRIDGE_AUDIOCONTROL_URL", s.audiocontrol_url,
                   "an http:// URL, or empty (the bridge speaks no TLS: AudioControl listens on "
                   "this host, http://localhost:1080)");
  }
  if (s.mpris_name.empty() ||
      s.mpris_name.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != std::string::npos) {
    return invalid(config, "BRIDGE_MPRIS_NAME", s.mpris_name,
                   "letters, digits and '_' (a D-Bus name element)");
  }
  return s;
}

Result<Settings> load_settings(const std::string& path, bool path_is_explicit) {
  config::Config config;
  const bool present = std::filesystem::exists(path);
  if (!path.empty() && (present || path_is_explicit)) {
    auto layer = config::load_yaml_file(path);
    if (!layer) {
      Error error = std::move(layer).error();
      error.kind = ErrorKind::config;
      return error;
    }
    config.add_layer(std::move(*layer));
  }
  config.add_layer(config::environment_layer());
  for (const auto& [key, origin] : config.unknown_keys(known_keys())) {
    log::warning(fmt::format("unknown key '{}' in {} is ignored; see docs/configuration.md", key,
                             origin.describe()));
  }
  auto settings = settings_from(config);
  if (settings && present) {
    settings->config_file = path;
  }
  return settings;
}

}  // namespace harmony::bridge
