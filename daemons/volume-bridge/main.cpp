#include <csignal>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "App.hpp"
#include "Settings.hpp"
#include "core/ExitCode.hpp"
#include "core/Version.hpp"
#include "log/Log.hpp"

namespace harmony::bridge {
namespace {

constexpr const char* k_description = R"(volume-bridge — TIDAL Connect speaker state to the host mixer, status JSON, MPRIS and AudioControl

Reads the speaker controller's screen inside the speaker container (tmux, through the Docker
Engine API), drives the host ALSA mixer from the speaker's volume, and publishes the playback
state. Survives speaker container restarts. Configuration: /etc/harmony/volume-bridge.yml,
overridden by the environment; every key is in docs/configuration.md ("volume-bridge").

Examples:
  volume-bridge --check-config
  volume-bridge --config ./volume-bridge.yml
  BRIDGE_MIXER_DEVICE=hw:0 BRIDGE_MIXER_CONTROL=Digital volume-bridge
  BRIDGE_MPRIS_ENABLED=true BRIDGE_MPRIS_BUS=session volume-bridge)";

sigset_t block_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int wait_for_stop_signal(const sigset_t& set) {
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) == 0 && signal != SIGHUP) {
      return signal;
    }
  }
}

int run(int argc, char** argv) {
  std::string config_path = k_default_config_path;
  bool check_config = false;
  CLI::App cli{k_description, "volume-bridge"};
  cli.set_version_flag("--version", k_version);
  auto* config_option = cli.add_option("-c,--config", config_path, "YAML configuration file")
                            ->capture_default_str();
  cli.add_flag("--check-config", check_config, "Validate the configuration, print a summary and exit");
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
    fmt::print("configuration OK ({}): container '{}', {:.1f} Hz, mixer {}, status file {}, AudioControl {}, MPRIS {}\n",
               settings->config_file.empty() ? "defaults and environment" : settings->config_file,
               settings->container, settings->poll_rate_hz,
               settings->mixer_enabled ? fmt::format("'{}'/'{}'", settings->mixer_device,
                                                     settings->mixer_control.empty() ? "auto" : settings->mixer_control)
                                       : "off",
               settings->status_file.empty() ? "off" : settings->status_file,
               settings->audiocontrol_url.empty() ? "off" : settings->audiocontrol_url,
               settings->mpris_enabled ? "org.mpris.MediaPlayer2." + settings->mpris_name : "off");
    return exit_code::k_ok;
  }
  log::set_sink(log::make_default_sink("volume-bridge"));
  log::set_min_level(settings->log_level);

  const sigset_t signals = block_signals();
  systemd::Notifier notifier;
  App app(std::move(*settings), notifier);
  app.start();
  log::info(fmt::format("volume-bridge {} started", k_version));
  notifier.ready();
  const int signal = wait_for_stop_signal(signals);
  log::info(fmt::format("received {}, stopping", signal == SIGINT ? "SIGINT" : "SIGTERM"));
  notifier.stopping();
  app.stop();
  return exit_code::k_ok;
}

}  // namespace
}  // namespace harmony::bridge

int main(int argc, char** argv) noexcept try {
  return harmony::bridge::run(argc, argv);
} catch (const harmony::ErrorException& e) {
  harmony::log::error(e.error().message);
  return harmony::exit_code_for(e.error().kind);
} catch (const std::exception& e) {
  harmony::log::critical(fmt::format("internal error: {}", e.what()));
  return harmony::exit_code::k_internal;
} catch (...) {
  harmony::log::critical("internal error: unknown exception");
  return harmony::exit_code::k_internal;
}
