// wait-for-avahi: a unit's ExecStartPre= gate that returns once avahi-daemon answers on D-Bus
// with server state RUNNING (not merely once systemd calls the unit active).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "core/Duration.hpp"
#include "core/ExitCode.hpp"
#include "core/Version.hpp"
#include "log/GuardedMain.hpp"
#include "log/Log.hpp"
#include "mdns/AvahiConnection.hpp"

namespace harmony::mdns_tools {
namespace {

constexpr const char* k_footer = R"(Exit codes:
  0   avahi-daemon answers on the system D-Bus and its server state is RUNNING
  1   not RUNNING within --timeout; the last state seen is printed (a host-name collision
      is reported as such: the daemon is up but another host uses its name)
  64  bad command line

The system bus is $DBUS_SYSTEM_BUS_ADDRESS when set. A daemon that appears while waiting is
noticed at once (D-Bus name-owner signal), not by polling systemctl.

Examples:
  wait-for-avahi                      # wait up to 30 s
  wait-for-avahi --timeout 10s

In a systemd unit (replacing ExecStartPre=/usr/local/bin/wait-for-avahi.sh):
  [Unit]
  Wants=avahi-daemon.service
  After=avahi-daemon.service
  [Service]
  ExecStartPre=/usr/local/bin/wait-for-avahi --timeout 30s
)";

std::string describe_state(const mdns::AvahiConnection& connection) {
  switch (connection.state()) {
    case mdns::ServerState::collision:
      return "COLLISION: avahi-daemon is up but its host name collides with another host on the "
             "network; it must pick another (see 'journalctl -u avahi-daemon')";
    case mdns::ServerState::registering:
      return "REGISTERING: avahi-daemon is still announcing its host name";
    case mdns::ServerState::connecting:
      return "CONNECTING: no avahi-daemon on the system bus (start it: systemctl start "
             "avahi-daemon)";
    case mdns::ServerState::unreachable:
      return fmt::format("UNREACHABLE: the system D-Bus does not answer ({})",
                         connection.last_error());
    case mdns::ServerState::failure:
      return fmt::format("FAILURE: {}", connection.last_error());
    case mdns::ServerState::running:
      return "RUNNING";
  }
  return "unknown";
}

int run(int argc, char** argv) {
  std::string timeout_text = "30s";
  CLI::App app{"Wait until avahi-daemon answers on D-Bus with server state RUNNING.",
               "wait-for-avahi"};
  app.set_version_flag("--version", k_version);
  app.footer(k_footer);
  app.add_option("--timeout", timeout_text, "Longest wait, e.g. 30s, 500ms, 1m")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? exit_code::k_ok : exit_code::k_usage;
  }
  log::set_sink(log::make_default_sink("wait-for-avahi"));
  const auto timeout = parse_duration(timeout_text);
  if (!timeout) {
    log::error(fmt::format("--timeout: {}", timeout.error().message));
    return exit_code::k_usage;
  }

  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + *timeout;
  auto connection = mdns::AvahiConnection::open(mdns::AvahiConnection::Mode::wait_for_daemon);
  if (!connection) {
    log::error(connection.error().message);
    return exit_code_for(connection.error().kind);
  }
  auto& avahi = **connection;
  bool collision_seen = false;
  auto reported = avahi.state();
  while (avahi.state() != mdns::ServerState::running &&
         std::chrono::steady_clock::now() < deadline) {
    if (auto step = avahi.iterate(deadline); !step) {
      log::error(step.error().message);
      return exit_code::k_internal;
    }
    if (avahi.state() != reported) {
      reported = avahi.state();
      collision_seen = collision_seen || reported == mdns::ServerState::collision;
      log::debug(fmt::format("avahi-daemon state: {}", describe_state(avahi)));
    }
  }
  const auto elapsed = format_duration(std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start));
  if (avahi.state() != mdns::ServerState::running) {
    log::error(fmt::format("avahi-daemon is not ready after {}; last state {}", elapsed,
                           describe_state(avahi)),
               {{"AVAHI_STATE", std::string(to_string(avahi.state()))}});
    return exit_code::k_failure;
  }
  if (collision_seen) {
    log::warning(
        "avahi-daemon went through a host-name collision before RUNNING; it renamed itself");
  }
  log::info(fmt::format("avahi-daemon is running as '{}' after {}", avahi.host_name(), elapsed));
  return exit_code::k_ok;
}

}  // namespace
}  // namespace harmony::mdns_tools

int main(int argc, char** argv) noexcept {
  return harmony::log::guarded_main(harmony::mdns_tools::run, argc, argv);
}
