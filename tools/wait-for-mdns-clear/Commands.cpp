#include <thread>

#include <fmt/format.h>

#include "Options.hpp"
#include "core/Clock.hpp"
#include "core/Duration.hpp"
#include "core/ExitCode.hpp"
#include "log/Log.hpp"
#include "mdns/AvahiConnection.hpp"
#include "mdns/AvahiServiceBrowser.hpp"
#include "mdns/CollisionCheck.hpp"
#include "mdns/InstanceName.hpp"

namespace harmony::mdns_tools {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

// The original's behaviour when it cannot check: wait a fixed time and let the unit start.
int fall_back(const ClearToolOptions& options, const std::string& why) {
  if (options.strict) {
    log::error(fmt::format("{}; --strict: giving up", why));
    return exit_code::k_unavailable;
  }
  log::warning(
      fmt::format("{}; waiting a fixed {} instead", why, format_duration(options.fallback_delay)));
  std::this_thread::sleep_for(options.fallback_delay);
  return exit_code::k_ok;
}

std::string list_instances(const std::vector<mdns::ServiceInstance>& instances) {
  std::string text;
  for (const auto& instance : instances) {
    text += fmt::format("{}'{}'{}", text.empty() ? "" : ", ", mdns::printable(instance.name),
                        instance.local ? " (this host's own, stale)" : " (another host)");
  }
  return text;
}

}  // namespace

int run_wait(const ClearToolOptions& options) {
  if (options.wait.name.empty()) {
    return fall_back(options,
                     "cannot determine the friendly name (no --name, no FRIENDLY_NAME in "
                     "the environment or the env file)");
  }
  auto connection = mdns::AvahiConnection::open(mdns::AvahiConnection::Mode::fail_fast);
  if (!connection) {
    return fall_back(options, connection.error().message);
  }
  mdns::AvahiBrowser browser(**connection);
  SystemClock clock;
  log::info(
      fmt::format("waiting for mDNS name '{}' ({}) to clear", options.wait.name, options.wait.type),
      {{"FRIENDLY_NAME", options.wait.name}, {"NAME_ORIGIN", options.name_origin}});
  mdns::ClearWaiter waiter(browser, clock);
  waiter.set_tracer([](const mdns::BrowseEvent& event) {
    log::debug(fmt::format("browser: {} '{}'{} {}", to_string(event.kind),
                           mdns::printable(event.instance.name),
                           event.instance.local ? " (local)" : "", event.message));
  });
  auto outcome = waiter.wait(options.wait);
  if (!outcome) {
    log::error(outcome.error().message);
    return exit_code_for(outcome.error().kind);
  }
  const auto elapsed = format_duration(duration_cast<milliseconds>(outcome->elapsed));
  switch (outcome->verdict) {
    case mdns::ClearVerdict::clear:
      log::info(fmt::format("mDNS name '{}' is clear after {}{}", options.wait.name, elapsed,
                            outcome->by_goodbye ? " (its last instance said goodbye)" : ""));
      return exit_code::k_ok;
    case mdns::ClearVerdict::timed_out: {
      const auto message =
          fmt::format("mDNS name '{}' still advertised after {}: {}", options.wait.name, elapsed,
                      list_instances(outcome->still_visible));
      if (options.strict) {
        log::error(message + "; --strict: failing");
        return exit_code::k_failure;
      }
      log::warning(message + "; proceeding anyway (use --strict to fail instead)");
      return exit_code::k_ok;
    }
    case mdns::ClearVerdict::unavailable:
      return fall_back(options, outcome->message);
  }
  return exit_code::k_internal;
}

int run_collision_check(const ClearToolOptions& options) {
  if (options.wait.name.empty()) {
    log::error("--check-collision needs a friendly name: pass --name or set FRIENDLY_NAME");
    return exit_code::k_config;
  }
  auto connection = mdns::AvahiConnection::open(mdns::AvahiConnection::Mode::fail_fast);
  if (!connection) {
    log::error(connection.error().message);
    return exit_code::k_unavailable;
  }
  mdns::AvahiBrowser browser(**connection);
  SystemClock clock;
  mdns::CollisionOptions check{options.wait.name, options.wait.type};
  check.timeout = std::min(check.timeout, options.wait.timeout);
  auto report = mdns::check_collision(browser, clock, check);
  if (!report) {
    log::error(report.error().message);
    return exit_code_for(report.error().kind);
  }
  if (!report->unavailable.empty()) {
    log::error(report->unavailable);
    return exit_code::k_unavailable;
  }
  for (const auto& service : report->remote) {
    log::error(fmt::format("collision: another host advertises {}", mdns::describe(service)),
               {{"FRIENDLY_NAME", options.wait.name}});
  }
  for (const auto& service : report->local) {
    log::warning(
        fmt::format("stale entry of this host still advertised: {}", mdns::describe(service)),
        {{"FRIENDLY_NAME", options.wait.name}});
  }
  if (!report->complete) {
    log::warning(
        "the browse did not finish (no ALL_FOR_NOW) before the timeout; the answer may be partial");
  }
  if (report->clean()) {
    log::info(fmt::format("no collision: nobody advertises '{}' ({})", options.wait.name,
                          options.wait.type));
    return exit_code::k_ok;
  }
  return exit_code::k_failure;
}

}  // namespace harmony::mdns_tools
