#include <csignal>
#include <cstdio>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "App.hpp"
#include "core/ExitCode.hpp"
#include "core/Version.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd {
namespace {

struct Options {
  std::string config_path;
  bool check_config = false;
};

// Blocks the stop/reload signals in every thread; the main thread takes them with sigwait.
sigset_t block_signals() {
  // An ignored signal is discarded even while blocked, and a parent (a non-interactive shell's
  // background job, some supervisors) may have left SIGINT ignored: restore the defaults.
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) {
    std::signal(signo, SIG_DFL);
  }
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

  const sigset_t signals = block_signals();
  systemd::Notifier notifier;
  App app(std::move(*settings), notifier);
  app.start();
  log::info(fmt::format("harmonyd {} listening on {}", k_version, app.url()),
            {{"PORT", std::to_string(app.port())}});
  notifier.ready();
  notifier.status("serving");

  const int signal = wait_for_stop_signal(signals);
  log::info(fmt::format("received {}, stopping", signal == SIGINT ? "SIGINT" : "SIGTERM"));
  notifier.stopping();
  app.stop();
  return exit_code::k_ok;
}

}  // namespace
}  // namespace harmony::harmonyd

int main(int argc, char** argv) noexcept try {
  return harmony::harmonyd::run(argc, argv);
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
