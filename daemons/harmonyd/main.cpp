#include <csignal>
#include <cstdio>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "App.hpp"
#include "core/ExitCode.hpp"
#include "core/Signals.hpp"
#include "core/Version.hpp"
#include "log/GuardedMain.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd {
namespace {

struct Options {
  std::string config_path;
  bool check_config = false;
};

int run(int argc, char** argv) {
  Options options;
  CLI::App cli{"harmonyd — the Harmony music hub (HTTP API and UI, downloads, library)",
               "harmonyd"};
  cli.set_version_flag("--version", k_version);
  cli.add_option("-c,--config", options.config_path, "YAML configuration file (harmony.yml)")
      ->check(CLI::ExistingFile);
  cli.add_flag("--check-config", options.check_config,
               "Validate the configuration, print the result and exit");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? exit_code::k_ok : exit_code::k_usage;
  }

  auto settings = load_settings(options.config_path);
  if (!settings) {
    log::error(settings.error().message);
    return exit_code_for(settings.error().kind);
  }
  if (options.check_config) {
    fmt::print("configuration OK (listen {}:{})\n", settings->host, settings->port);
    return exit_code::k_ok;
  }
  log::set_sink(log::make_default_sink("harmonyd"));
  log::set_min_level(settings->log_level);

  const Signals signals;
  systemd::Notifier notifier;
  App app(std::move(*settings), notifier);
  app.start();
  log::info(fmt::format("harmonyd {} listening on {}", k_version, app.url()),
            {{"PORT", std::to_string(app.port())}});
  notifier.ready();
  notifier.status("serving");

  const int signal = signals.wait_for_stop();
  log::info(fmt::format("received {}, stopping", Signals::name(signal)));
  notifier.stopping();
  app.stop();
  return exit_code::k_ok;
}

}  // namespace
}  // namespace harmony::harmonyd

int main(int argc, char** argv) noexcept {
  return harmony::log::guarded_main(harmony::harmonyd::run, argc, argv);
}
