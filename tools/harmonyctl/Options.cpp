#include "Options.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "containers/ContainerName.hpp"

#include "core/Duration.hpp"
#include "core/ExitCode.hpp"
#include "core/Version.hpp"

namespace harmony::harmonyctl {
namespace {

constexpr const char* k_footer = R"(Stacks:
  tidal     tidal.service, tidal-watchdog.service, tidal-volume-bridge.service,
            container tidal_connect, mDNS _tidalconnect._tcp (FRIENDLY_NAME from
            /etc/tidal-connect/tidal.env), bridge status /run/harmony/tidal-status.json
  harmony   harmony.service, harmony-watchdog.service, container harmony

Exit status: 0 all well (or nothing to fix), 1 degraded (or not fixed), 64 bad usage,
69 systemd, Docker or avahi-daemon cannot be asked, 70 internal error.
Every question to systemd, Docker, Avahi and the watchdog is bounded by --timeout.
Durations: 3 (seconds), 500ms, 5s, 2m.)";

Parsed usage_error(const std::string& reason, const CLI::App& cli) {
  return Parsed{std::nullopt, exit_code::k_usage,
                fmt::format("harmonyctl: {}\n\n{}", reason, cli.help())};
}

}  // namespace

Parsed parse_options(const std::vector<std::string>& args) {
  CLI::App cli{"harmonyctl — state of the Harmony stacks under systemd, and repairs", "harmonyctl"};
  cli.footer(k_footer);
  cli.set_version_flag("--version", k_version);
  cli.require_subcommand(1);
  std::string stack_name = "tidal";
  std::string timeout = "3s";
  std::string clear_timeout = "130s";
  std::string job_timeout = "120s";
  std::string watchdog_url;
  std::string container;
  Options options;

  CLI::App* status = cli.add_subcommand(
      "status",
      "units and since when, the container, the name on the network, the watchdog, "
      "the volume bridge, and the next thing to do");
  status->add_option("stack", stack_name, "tidal (default) or harmony");
  status->add_flag("--json", options.json, "one JSON object instead of the screen");

  CLI::App* fix = cli.add_subcommand(
      "fix-name-collision",
      "stop the speaker, wait until its name has cleared, start it, verify exactly one "
      "instance; does nothing when all is well (safe from a timer)");
  fix->add_option("--clear-timeout", clear_timeout,
                  "how long the old registration may take to clear (default 130s: the "
                  "record's 120 s lifetime)");
  fix->add_option("--job-timeout", job_timeout, "how long one stop/start job may take (120s)");

  for (CLI::App* sub : {status, fix}) {
    sub->add_option("--timeout", timeout, "bound of each question to a dependency (3s)");
    sub->add_option("--name", options.name, "the speaker's FRIENDLY_NAME (default: env file)");
    sub->add_option("--env-file", options.env_file,
                    "where FRIENDLY_NAME is (default /etc/tidal-connect/tidal.env)");
  }
  status->add_option("--container", container,
                     "the container's exact name, when it is not the shipped one");
  status->add_option("--watchdog-url", watchdog_url,
                     "the watchdog's /health when its configuration moved it (default: the "
                     "shipped preset's, http://127.0.0.1:9620/health for tidal, :9621 for "
                     "harmony)");

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    cli.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    // `harmonyctl status --help` describes status, not the whole program.
    for (const CLI::App* sub : {status, fix}) {
      if (sub->parsed()) {
        return Parsed{std::nullopt, exit_code::k_ok, sub->help()};
      }
    }
    return Parsed{std::nullopt, exit_code::k_ok, cli.help("", CLI::AppFormatMode::All)};
  } catch (const CLI::CallForAllHelp&) {
    return Parsed{std::nullopt, exit_code::k_ok, cli.help("", CLI::AppFormatMode::All)};
  } catch (const CLI::CallForVersion&) {
    return Parsed{std::nullopt, exit_code::k_ok, fmt::format("harmonyctl {}\n", k_version)};
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what(), cli);
  }

  options.command = fix->parsed() ? Command::fix_name_collision : Command::status;
  auto stack = stack_named(stack_name);
  if (!stack) {
    return usage_error(fmt::format("unknown stack '{}': use tidal or harmony", stack_name), cli);
  }
  options.stack = *stack;
  if (!container.empty()) {
    if (!containers::is_valid_container_name(container)) {
      return usage_error(fmt::format("--container '{}' is not a valid container name (Docker "
                                     "names match [a-zA-Z0-9][a-zA-Z0-9_.-]+)",
                                     container),
                         cli);
    }
    options.stack.container = container;
  }
  if (!watchdog_url.empty()) {
    if (!watchdog_url.starts_with("http://")) {
      return usage_error(fmt::format("--watchdog-url '{}' is not an http:// URL", watchdog_url),
                         cli);
    }
    options.stack.watchdog_url = watchdog_url;
  }
  if (options.command == Command::fix_name_collision && options.stack.mdns_type.empty()) {
    return usage_error("fix-name-collision is for the tidal stack (harmony advertises no name)",
                       cli);
  }
  options.env_file_given = !options.env_file.empty();
  if (!options.env_file_given) {
    options.env_file = options.stack.env_file;
  }
  options.stack.env_file = options.env_file;
  for (auto [text, target, flag] :
       {std::tuple{&timeout, &options.timeout, "--timeout"},
        std::tuple{&clear_timeout, &options.clear_timeout, "--clear-timeout"},
        std::tuple{&job_timeout, &options.job_timeout, "--job-timeout"}}) {
    auto parsed = parse_duration(*text);
    if (!parsed || *parsed <= std::chrono::milliseconds(0)) {
      return usage_error(
          fmt::format("{} '{}' is not a positive duration (3, 500ms, 5s, 2m)", flag, *text), cli);
    }
    *target = *parsed;
  }
  return Parsed{options, exit_code::k_ok, {}};
}

}  // namespace harmony::harmonyctl
