#pragma once

#include <chrono>
#include <set>
#include <string>

#include "VolumeCurve.hpp"
#include "config/Config.hpp"
#include "core/Result.hpp"
#include "log/Log.hpp"

namespace harmony::bridge {

inline constexpr const char* k_default_config_path = "/etc/harmony/volume-bridge.yml";

// volume-bridge's validated configuration (every key is documented in docs/configuration.md,
// section "volume-bridge"). An empty status file or AudioControl URL turns that publisher off.
struct Settings {
  std::string config_file;
  std::string container = "tidal_connect";
  std::string tmux_session = "speaker_controller_application";
  double poll_rate_hz = 5.0;
  std::chrono::milliseconds backoff_initial{500};
  std::chrono::milliseconds backoff_max{30'000};
  std::string docker_host;  // "" → /var/run/docker.sock

  bool mixer_enabled = true;
  std::string mixer_device = "default";
  std::string mixer_control;  // "" → first of Digital, Master, PCM, SoftVolume
  CurveKind mixer_curve = CurveKind::db;
  bool mixer_mute_switch = true;
  std::chrono::milliseconds mixer_echo_window{1000};

  std::string status_file = "/run/harmony/tidal-status.json";
  std::chrono::milliseconds status_position_interval{5000};
  std::string audiocontrol_url;
  std::chrono::milliseconds audiocontrol_resync{30'000};
  std::chrono::milliseconds audiocontrol_timeout{2000};
  bool mpris_enabled = false;
  std::string mpris_bus = "system";
  std::string mpris_name = "tidal";

  log::Level log_level = log::Level::info;

  std::chrono::milliseconds poll_period() const {
    return std::chrono::milliseconds(static_cast<std::int64_t>(1000.0 / poll_rate_hz));
  }
};

// Every key volume-bridge reads; file keys outside this set are warned about by name.
const std::set<std::string>& known_keys();

// Validates the layered `config`; errors name the key, the bad value and where it came from.
Result<Settings> settings_from(const config::Config& config);
// Reads the YAML file (when `path` is not empty; a missing default file is fine), then the
// environment, and validates.
Result<Settings> load_settings(const std::string& path, bool path_is_explicit);

}  // namespace harmony::bridge
