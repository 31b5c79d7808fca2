// wait-for-mdns-clear: a unit's ExecStartPre= gate that waits until no stale mDNS registration
// of the speaker's name is left, so the restarted speaker does not collide with itself.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "FriendlyName.hpp"
#include "Options.hpp"
#include "core/Duration.hpp"
#include "core/ExitCode.hpp"
#include "core/Version.hpp"
#include "log/GuardedMain.hpp"
#include "log/Log.hpp"

namespace harmony::mdns_tools {
namespace {

constexpr const char* k_footer = R"(Exit codes:
  0   clear; or timed out / no avahi-daemon / no name without --strict (fail-open, with a warning)
  1   still advertised at the timeout with --strict; --check-collision: a collision or a stale entry
  64  bad command line (or a friendly name given on it that cannot be advertised)
  69  avahi-daemon unreachable with --strict (or with --check-collision)
  78  bad configuration (env file unreadable or malformed, FRIENDLY_NAME not usable)

"Clear" means no instance named NAME or NAME-<32 hex> (what TIDAL Connect advertises) is
visible after the browser's ALL_FOR_NOW, confirmed --consecutive times --interval apart; a
goodbye for the last one ends the wait at once. Names are compared exactly, byte for byte:
"hifiberry" is not blocked by "hifiberry2-...", and "Living Room" works as written.

Examples:
  wait-for-mdns-clear                              # name from $FRIENDLY_NAME or the env file
  wait-for-mdns-clear hifiberry 15 2               # the original script's positional form
  wait-for-mdns-clear --name 'Living Room' --timeout 20s --strict
  wait-for-mdns-clear --check-collision --name hifiberry

In a systemd unit (replacing ExecStartPre=/usr/local/bin/wait-for-mdns-clear.sh):
  [Service]
  EnvironmentFile=/etc/tidal-connect/tidal.env
  ExecStartPre=/usr/local/bin/wait-for-avahi --timeout 30s
  ExecStartPre=/usr/local/bin/wait-for-mdns-clear --timeout 15s
)";

struct Cli {
  std::string positional_name;
  std::string positional_max_wait;
  std::string positional_interval;
  std::string name;
  std::string type = "_tidalconnect._tcp";
  std::string env_file = "/etc/tidal-connect/tidal.env";
  std::string timeout;
  std::string interval;
  std::string fallback_delay = "5s";
  int consecutive = 2;
  bool strict = false;
  bool check_collision = false;
  std::string log_level = "info";
};

std::chrono::milliseconds duration_or_throw(const std::string& text, const char* what) {
  auto parsed = parse_duration(text);
  if (!parsed) {
    throw ErrorException(
        make_error(ErrorKind::usage, fmt::format("{}: {}", what, parsed.error().message)));
  }
  return *parsed;
}

// Turns the parsed command line into options; throws ErrorException on contradictions.
ClearToolOptions resolve(const Cli& cli, bool env_file_given) {
  if (!cli.name.empty() && !cli.positional_name.empty() && cli.name != cli.positional_name) {
    throw ErrorException(
        make_error(ErrorKind::usage, fmt::format("two names given ('{}' and --name '{}'); pass one",
                                                 cli.positional_name, cli.name)));
  }
  const auto& max_wait = cli.timeout.empty() ? cli.positional_max_wait : cli.timeout;
  const auto& interval = cli.interval.empty() ? cli.positional_interval : cli.interval;
  ClearToolOptions options;
  options.wait.type = cli.type;
  options.wait.consecutive = cli.consecutive;
  options.strict = cli.strict;
  options.check_collision = cli.check_collision;
  if (!max_wait.empty()) {
    options.wait.timeout = duration_or_throw(max_wait, "--timeout / MAX_WAIT");
  }
  if (!interval.empty()) {
    options.wait.interval = duration_or_throw(interval, "--interval / INTERVAL");
  }
  options.fallback_delay = duration_or_throw(cli.fallback_delay, "--fallback-delay");
  auto found = find_friendly_name(
      {cli.name.empty() ? cli.positional_name : cli.name, cli.env_file, env_file_given});
  if (!found) {
    throw ErrorException(std::move(found).error());
  }
  if (found->has_value()) {
    options.wait.name = (*found)->value;
    options.name_origin = (*found)->origin.describe();
  }
  return options;
}

int run(int argc, char** argv) {
  Cli cli;
  CLI::App app{
      "Wait until no stale mDNS (DNS-SD) registration of a speaker's name is left on the "
      "network, using avahi-daemon over D-Bus.",
      "wait-for-mdns-clear"};
  app.set_version_flag("--version", k_version);
  app.footer(k_footer);
  app.add_option("NAME", cli.positional_name, "Friendly name (same as --name; seed-compatible)");
  app.add_option("MAX_WAIT", cli.positional_max_wait,
                 "Same as --timeout (seconds; seed-compatible)");
  app.add_option("INTERVAL", cli.positional_interval,
                 "Same as --interval (seconds; seed-compatible)");
  app.add_option("-n,--name", cli.name, "Friendly name; the speaker advertises NAME-<32 hex>");
  app.add_option("-t,--type", cli.type, "DNS-SD service type to browse")->capture_default_str();
  auto* env_file =
      app.add_option("--env-file", cli.env_file,
                     "Absolute path of a KEY=value file with FRIENDLY_NAME, read when "
                     "neither --name nor $FRIENDLY_NAME is set (a missing default file is fine)")
          ->capture_default_str();
  app.add_option("--timeout", cli.timeout, "Longest wait, e.g. 15s, 500ms, 1m (default 15s)");
  app.add_option("--consecutive", cli.consecutive, "Clean checks in a row needed for \"clear\"")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  app.add_option("--interval", cli.interval, "Time between those checks (default 50ms)");
  app.add_flag(
      "--strict", cli.strict,
      "Fail instead of proceeding: exit 1 on timeout, 69 without avahi-daemon, 78 without a name");
  app.add_option("--fallback-delay", cli.fallback_delay,
                 "Fixed wait when avahi-daemon or the name is unavailable (without --strict)")
      ->capture_default_str();
  app.add_flag("--check-collision", cli.check_collision,
               "Report whether another host advertises the name, or a stale entry of this host "
               "is left (exit 0 clean, 1 otherwise), instead of waiting");
  app.add_option("--log-level", cli.log_level, "debug, info, notice, warning or error")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? exit_code::k_ok : exit_code::k_usage;
  }
  log::set_sink(log::make_default_sink("wait-for-mdns-clear"));
  if (log::Level level{}; log::parse_level(cli.log_level, level)) {
    log::set_min_level(level);
  } else {
    log::error(fmt::format("--log-level '{}' is not one of debug, info, notice, warning, error",
                           cli.log_level));
    return exit_code::k_usage;
  }
  const ClearToolOptions options = resolve(cli, env_file->count() > 0);
  if (options.wait.name.empty() && options.strict) {
    log::error("cannot determine the friendly name: pass --name, set FRIENDLY_NAME, or put it in " +
               cli.env_file);
    return exit_code::k_config;
  }
  return options.check_collision ? run_collision_check(options) : run_wait(options);
}

}  // namespace
}  // namespace harmony::mdns_tools

int main(int argc, char** argv) noexcept {
  return harmony::log::guarded_main(harmony::mdns_tools::run, argc, argv);
}
