#include "Options.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "core/Duration.hpp"
#include "core/ExitCode.hpp"
#include "core/Version.hpp"

namespace harmony::wait_for_container {
namespace {

constexpr auto k_default_healthy_stable = std::chrono::seconds(2);

constexpr const char* k_footer = R"(States:
  stopped   the container is absent or not running
  running   State.Status is running
  healthy   running, Docker health "healthy" when the image defines a HEALTHCHECK,
            a process matching --process is alive (if given), and all of that still
            holds after the --stable window (default 2s for healthy, 0 otherwise)

Durations: 30 (seconds), 500ms, 5s, 2m, 1m30s. The timeout is wall-clock time.
The container name must match exactly (tidal does not match tidal_connect2).
DOCKER_HOST=unix:///path selects another engine socket (default /var/run/docker.sock).

Exit status: 0 reached, 1 timed out (prints what was last seen), 64 bad usage,
69 Docker engine unreachable (names the socket), 70 internal error.

Unit hooks (systemd):
  [Service]
  ExecStartPost=/usr/bin/wait-for-container tidal_connect 30 1 healthy
  ExecStopPost=/usr/bin/wait-for-container tidal_connect 10 1 stopped

  # named flags, also checking the speaker process:
  ExecStartPost=/usr/bin/wait-for-container --name tidal_connect --state healthy \
      --timeout 60s --process tidal_connect_application --stable 2s

  # as a Type=notify readiness unit of its own (sends READY=1 when healthy):
  [Service]
  Type=notify
  ExecStart=/usr/bin/wait-for-container --notify --name tidal_connect --state healthy --timeout 120s
)";

Parsed usage_error(const std::string& reason, const CLI::App& cli) {
  return Parsed{std::nullopt, exit_code::k_usage,
                fmt::format("wait-for-container: {}\n\n{}", reason, cli.help())};
}

}  // namespace

Parsed parse_options(const std::vector<std::string>& args) {
  CLI::App cli{
      "wait-for-container — block until a Docker container is stopped, running or healthy\n"
      "  wait-for-container NAME MAX_WAIT INTERVAL stopped|running|healthy\n"
      "  wait-for-container --name NAME --timeout 30s --state healthy [--process PATTERN] "
      "[--notify]",
      "wait-for-container"};
  cli.footer(k_footer);
  cli.set_version_flag("--version", k_version);
  std::vector<std::string> positional;
  std::string name;
  std::string timeout;
  std::string interval;
  std::string state;
  std::string stable;
  std::string process;
  bool notify = false;
  cli.add_option("NAME MAX_WAIT INTERVAL STATE", positional,
                 "NAME MAX_WAIT INTERVAL STATE (the original script's form)")
      ->expected(0, 4);
  cli.add_option("-n,--name", name, "Container name, exact (default tidal_connect)");
  cli.add_option("-t,--timeout", timeout, "Give up after this wall-clock time (default 30s)");
  cli.add_option("-i,--interval", interval,
                 "Longest gap between two checks (default 1s); events trigger checks at once");
  cli.add_option("-s,--state", state, "stopped | running | healthy (default running)");
  cli.add_option("-p,--process", process,
                 "healthy also needs a process whose command line matches this RE2 regex");
  cli.add_option("--stable", stable,
                 "The condition must still hold after this long (default 2s for healthy, else 0)");
  cli.add_flag("--notify", notify,
               "Send READY=1 to $NOTIFY_SOCKET when reached (for Type=notify units)");
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    cli.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      std::string text = dynamic_cast<const CLI::CallForVersion*>(&e) != nullptr
                             ? std::string(k_version) + "\n"
                             : cli.help();
      return Parsed{std::nullopt, exit_code::k_ok, text};
    }
    return usage_error(e.what(), cli);
  }
  auto pick = [&](const std::string& flag, std::size_t index) {
    return !flag.empty() ? flag : (index < positional.size() ? positional[index] : std::string{});
  };
  Options options;
  if (const auto value = pick(name, 0); !value.empty()) {
    options.name = value;
  }
  if (!is_valid_container_name(options.name)) {
    return usage_error(fmt::format("'{}' is not a valid container name (Docker names match "
                                   "[a-zA-Z0-9][a-zA-Z0-9_.-]+)",
                                   options.name),
                       cli);
  }
  struct DurationArg {
    std::string text;
    const char* what;
    std::chrono::milliseconds* out;
  };
  for (const DurationArg& arg :
       {DurationArg{pick(timeout, 1), "timeout (MAX_WAIT)", &options.timeout},
        DurationArg{pick(interval, 2), "interval (INTERVAL)", &options.interval},
        DurationArg{stable, "--stable", &options.stable}}) {
    if (arg.text.empty()) {
      continue;
    }
    auto parsed = parse_duration(arg.text);
    if (!parsed) {
      return usage_error(fmt::format("{}: {}", arg.what, parsed.error().message), cli);
    }
    *arg.out = *parsed;
  }
  if (options.interval.count() == 0) {
    return usage_error("interval (INTERVAL) must be more than 0", cli);
  }
  if (const auto word = pick(state, 3); !word.empty()) {
    auto target = containers::parse_target_state(word);
    if (!target) {
      return usage_error(fmt::format("unknown state '{}' (use stopped, running or healthy)", word),
                         cli);
    }
    options.state = *target;
  }
  if (stable.empty() && options.state == containers::TargetState::healthy) {
    options.stable = k_default_healthy_stable;
  }
  if (!process.empty()) {
    options.process = process;
  }
  options.notify = notify;
  return Parsed{options, exit_code::k_ok, {}};
}

}  // namespace harmony::wait_for_container
