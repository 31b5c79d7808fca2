#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "App.hpp"
#include "core/ExitCode.hpp"
#include "core/MallocArenas.hpp"
#include "core/Signals.hpp"
#include "core/Version.hpp"
#include "log/GuardedMain.hpp"
#include "log/Log.hpp"
#include "systemd/Lifecycle.hpp"

namespace harmony::watchdog {
namespace {

constexpr const char* k_default_config = "/etc/harmony/watchdog.yml";

constexpr const char* k_examples = R"(
Examples:
  harmony-watchdog --config /usr/share/harmony/watchdog/tidal.yml
  harmony-watchdog --config /etc/harmony/watchdog.yml --check-config
  curl -s http://127.0.0.1:9620/metrics     (when http.port is set)

Runs as a systemd service (Type=notify): follows each target's container logs and Docker events,
matches the rules, and restarts the target's unit through systemd with grace, debounce,
cooldown and a give-up limit. See docs/configuration.md, section "harmony-watchdog".
Exit codes: 0 stopped cleanly, 64 usage, 69 Docker or systemd unreachable, 78 bad configuration.
)";

int run(int argc, char** argv) {
  std::string config_path = k_default_config;
  bool check_config = false;
  CLI::App cli{
      "harmony-watchdog — supervises container-backed systemd units and restarts them "
      "through systemd when they fail",
      "harmony-watchdog"};
  cli.footer(k_examples);
  cli.set_version_flag("--version", k_version);
  cli.add_option("-c,--config", config_path, "YAML configuration file")
      ->default_val(k_default_config);
  cli.add_flag("--check-config", check_config,
               "Validate the configuration (YAML, keys, durations, RE2 patterns) and exit");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? exit_code::k_ok : exit_code::k_usage;
  }

  auto settings = load_settings(config_path);
  if (!settings) {
    log::error(settings.error().message);
    return exit_code_for(settings.error().kind);
  }
  if (check_config) {
    fmt::print("configuration OK: {} target(s) in {}\n", settings->targets.size(), config_path);
    return exit_code::k_ok;
  }
  log::set_sink(log::make_default_sink("harmony-watchdog"));
  log::set_min_level(settings->log_level);

  const Signals signals;
  systemd::Notifier notifier;
  const std::size_t targets = settings->targets.size();
  App app(std::move(*settings), notifier);
  app.start();
  log::info(fmt::format("harmony-watchdog {} supervising {} target(s) from {}", k_version, targets,
                        config_path),
            {{"CONFIG", config_path}});
  notifier.ready();

  systemd::await_stop(signals, notifier);
  app.stop();
  return exit_code::k_ok;
}

}  // namespace
}  // namespace harmony::watchdog

int main(int argc, char** argv) noexcept {
  // A handful of threads that mostly wait: one arena keeps the Pi budget (docs/benchmarks.md).
  harmony::limit_malloc_arenas(1);
  return harmony::log::guarded_main(harmony::watchdog::run, argc, argv);
}
