#include "WaitCommand.hpp"

#include <fmt/format.h>

#include "containers/ContainerWaiter.hpp"
#include "core/Duration.hpp"
#include "core/ExitCode.hpp"

namespace harmony::wait_for_container {
namespace {

std::string_view failure_phrase(containers::TargetState state) {
  switch (state) {
    case containers::TargetState::stopped:
      return "did not stop";
    case containers::TargetState::running:
      return "did not start";
    case containers::TargetState::healthy:
      return "did not become healthy";
  }
  return "did not become healthy";
}

}  // namespace

int wait_and_report(const Options& options, containers::ContainerRuntime& runtime,
                    systemd::Notifier& notifier, std::FILE* out, std::FILE* err) {
  std::optional<containers::ProcessPattern> pattern;
  if (options.process && options.state == containers::TargetState::healthy) {
    auto compiled = containers::ProcessPattern::compile(*options.process);
    if (!compiled) {
      fmt::print(err, "wait-for-container: {}\n", compiled.error().message);
      return exit_code::k_usage;
    }
    pattern = std::move(*compiled);
  }
  const auto state_word = containers::to_string(options.state);
  notifier.status(fmt::format("Waiting for container {} to be {}", options.name, state_word));
  containers::ReadinessCheck check(runtime, options.name, options.state, std::move(pattern));
  containers::ContainerWaiter waiter(runtime, check,
                                     {options.timeout, options.interval, options.stable});
  auto outcome = waiter.run();
  if (!outcome) {
    fmt::print(err, "ERROR: waiting for container {} to be {}: {}\n", options.name, state_word,
               outcome.error().message);
    return outcome.error().kind == ErrorKind::unavailable ? exit_code::k_unavailable
                                                          : exit_code::k_internal;
  }
  if (outcome->reached) {
    fmt::print(out, "Container {} is {} (waited {})\n", options.name, state_word,
               format_duration(outcome->waited));
    std::fflush(out);
    notifier.status(fmt::format("Container {} is {}", options.name, state_word));
    if (options.notify) {
      notifier.ready();
    }
    return exit_code::k_ok;
  }
  fmt::print(err, "ERROR: Container {} {} within {}; last seen: {}\n", options.name,
             failure_phrase(options.state), format_duration(options.timeout), outcome->last_seen);
  return exit_code::k_failure;
}

}  // namespace harmony::wait_for_container
