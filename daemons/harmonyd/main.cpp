#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "App.hpp"
#include "cli/SelfCheck.hpp"
#include "cli/Startup.hpp"
#include "container/Commands.hpp"
#include "core/ExitCode.hpp"
#include "core/MallocArenas.hpp"
#include "core/Signals.hpp"
#include "core/Version.hpp"
#include "log/GuardedMain.hpp"
#include "log/Log.hpp"
#include "systemd/Lifecycle.hpp"

namespace harmony::harmonyd {
namespace {

constexpr auto k_drain = std::chrono::seconds(5);

constexpr const char* k_examples = R"(Examples:
  HARMONY_PROFILE=local harmonyd          serve with state under ./var, on 127.0.0.1:8080
  harmonyd --check-config                 validate the configuration and exit
  harmonyd selfcheck --assert-startup     run the readiness checks; exit 78/71/69/70 on failure
  harmonyd selfcheck --json               the same checks as JSON
  harmonyd healthcheck                    probe /api/health/live (the image's HEALTHCHECK)
  sudo harmonyd preflight --music-dir /srv/music --puid 1000 --pgid 1000
                                          prepare host directories for the container
Web UI: http://HOST:APP_PORT/ (login with HARMONY_API_KEYS; UI_SESSION_TTL, UI_COOKIES_SECURE;
docs/ui.md). Configuration: environment > CONFIG_DIR/.env > CONFIG_DIR/harmony.yml > defaults
(every key: docs/configuration.md). Signals: SIGHUP reloads, SIGTERM/SIGINT stop.)";

struct Options {
  config::LoadOptions load;
  bool check_config = false;
  cli::SelfCheckOptions selfcheck;
};

int serve(const Options& options, config::Settings settings) {
  const auto started = std::chrono::steady_clock::now();
  if (auto dirs = cli::prepare_directories(settings); !dirs) {
    log::error(dirs.error().message);
    return exit_code_for(dirs.error().kind);
  }
  if (!settings.auth_enabled()) {
    log::warning(
        "the API is open to anyone who can reach it: set HARMONY_API_KEYS to require a key",
        {{"KEY", "HARMONY_API_KEYS"}});
  }
  const Signals signals;
  systemd::Notifier notifier;
  App app(std::move(settings), options.load, notifier);
  app.start();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  log::info(fmt::format("harmonyd {} listening on {} (started in {} ms)", k_version, app.url(),
                        ms.count()),
            {{"PORT", std::to_string(app.port())}});
  notifier.ready();
  notifier.status(app.status_line());

  systemd::await_stop(signals, notifier, [&] {
    notifier.reloading();
    app.reload();
    notifier.ready();
    notifier.status(app.status_line());
  });
  if (!app.stop(k_drain)) {
    // Worker threads still run handlers that use the App; leave without destroying it.
    std::_Exit(exit_code::k_ok);
  }
  return exit_code::k_ok;
}

int run(int argc, char** argv) {
  Options options;
  CLI::App cli{"harmonyd — the Harmony music hub (HTTP API and UI, downloads, library)",
               "harmonyd"};
  cli.footer(k_examples);
  cli.set_version_flag("--version", k_version);
  cli.add_option(
         "-c,--config", options.load.config_file,
         "YAML configuration file to read instead of CONFIG_DIR/harmony.yml (not generated)")
      ->check(CLI::ExistingFile);
  cli.add_flag("--check-config", options.check_config,
               "Validate the configuration, print the result and exit");
  auto* selfcheck =
      cli.add_subcommand("selfcheck", "Run the readiness checks once and exit (changes nothing)");
  selfcheck->add_flag(
      "--assert-startup", options.selfcheck.assert_startup,
      "Exit with the failed check's code: 78 config, 71 filesystem, 69 dependency, 70 internal");
  selfcheck->add_flag("--json", options.selfcheck.json, "Print the full report as JSON");
  selfcheck->fallthrough();
  container::Commands container_commands(cli);
  cli.require_subcommand(0, 1);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? exit_code::k_ok : exit_code::k_usage;
  }
  if (auto code = container_commands.run()) {
    return *code;
  }
  const bool selfchecking = selfcheck->parsed();
  if (!selfchecking && !options.check_config) {
    log::set_sink(log::make_default_sink("harmonyd"));
    if (auto prepared = cli::prepare_config(options.load); !prepared) {
      log::error(prepared.error().message);
      return exit_code_for(prepared.error().kind);
    }
  }
  auto settings = config::load_settings(options.load);
  if (!settings) {
    log::error(settings.error().message);
    return exit_code_for(settings.error().kind);
  }
  for (const std::string& warning : settings->warnings) {
    log::warning(warning);
  }
  if (selfchecking) {
    return cli::run_selfcheck(*settings, options.selfcheck, stdout);
  }
  if (options.check_config) {
    fmt::print("configuration OK (profile {}, listen {}:{}, config {})\n",
               config::to_string(settings->profile), settings->host, settings->port,
               settings->config_file);
    return exit_code::k_ok;
  }
  log::set_min_level(settings->log_level);
  return serve(options, std::move(*settings));
}

}  // namespace
}  // namespace harmony::harmonyd

int main(int argc, char** argv) noexcept {
  // Two arenas are plenty for a home server's load over the HTTP workers.
  harmony::limit_malloc_arenas(2);
  return harmony::log::guarded_main(harmony::harmonyd::run, argc, argv);
}
