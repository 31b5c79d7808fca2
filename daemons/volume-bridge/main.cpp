#include <csignal>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "App.hpp"
#include "Settings.hpp"
#include "core/ExitCode.hpp"
#include "core/MallocArenas.hpp"
#include "core/Signals.hpp"
#include "core/Version.hpp"
#include "log/GuardedMain.hpp"
#include "log/Log.hpp"
#include "systemd/Lifecycle.hpp"

namespace harmony::bridge {
namespace {

constexpr const char* k_description =
    R"(volume-bridge — TIDAL Connect speaker state to the host mixer, status JSON, MPRIS and AudioControl

Reads the speaker controller's screen inside the speaker container (tmux, through one
long-lived exec of the Docker Engine API per container start), drives the host ALSA mixer from the speaker's volume, and publishes the playback
state. Survives speaker container restarts. Configuration: /etc/harmony/volume-bridge.yml,
overridden by the environment; every key is in docs/configuration.md ("volume-bridge").

Examples:
  volume-bridge --check-config
  volume-bridge --config ./volume-bridge.yml
  BRIDGE_MIXER_DEVICE=hw:0 BRIDGE_MIXER_CONTROL=Digital volume-bridge
  BRIDGE_MPRIS_ENABLED=true BRIDGE_MPRIS_BUS=session volume-bridge)";

int run(int argc, char** argv) {
  std::string config_path = k_default_config_path;
  bool check_config = false;
  CLI::App cli{k_description, "volume-bridge"};
  cli.set_version_flag("--version", k_version);
  auto* config_option =
      cli.add_option("-c,--config", config_path, "YAML configuration file")->capture_default_str();
  cli.add_flag("--check-config", check_config,
               "Validate the configuration, print a summary and exit");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? exit_code::k_ok : exit_code::k_usage;
  }
  auto settings = load_settings(config_path, config_option->count() > 0);
  if (!settings) {
    log::error(settings.error().message);
    return exit_code_for(settings.error().kind);
  }
  if (check_config) {
    fmt::print(
        "configuration OK ({}): container '{}', {:.1f} Hz, mixer {}, status file {}, AudioControl "
        "{}, MPRIS {}\n",
        settings->config_file.empty() ? "defaults and environment" : settings->config_file,
        settings->container, settings->poll_rate_hz,
        settings->mixer_enabled
            ? fmt::format("'{}'/'{}'", settings->mixer_device,
                          settings->mixer_control.empty() ? "auto" : settings->mixer_control)
            : "off",
        settings->status_file.empty() ? "off" : settings->status_file,
        settings->audiocontrol_url.empty() ? "off" : settings->audiocontrol_url,
        settings->mpris_enabled ? "org.mpris.MediaPlayer2." + settings->mpris_name : "off");
    return exit_code::k_ok;
  }
  log::set_sink(log::make_default_sink("volume-bridge"));
  log::set_min_level(settings->log_level);

  const Signals signals;
  systemd::Notifier notifier;
  App app(std::move(*settings), notifier);
  app.start();
  log::info(fmt::format("volume-bridge {} started", k_version));
  notifier.ready();
  systemd::await_stop(signals, notifier);
  app.stop();
  return exit_code::k_ok;
}

}  // namespace
}  // namespace harmony::bridge

int main(int argc, char** argv) noexcept {
  // A handful of threads that mostly wait: one arena keeps the Pi budget (docs/benchmarks.md).
  harmony::limit_malloc_arenas(1);
  return harmony::log::guarded_main(harmony::bridge::run, argc, argv);
}
