#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "Options.hpp"
#include "WaitCommand.hpp"
#include "core/ExitCode.hpp"
#include "docker/DockerHost.hpp"
#include "docker/DockerRuntime.hpp"
#include "log/GuardedMain.hpp"

namespace harmony::wait_for_container {
namespace {

int run(int argc, char** argv) {
  auto parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  const Options& options = *parsed.options;
  auto socket = docker::socket_path_from_environment();
  if (!socket) {
    fmt::print(stderr, "ERROR: {}\n", socket.error().message);
    return exit_code_for(socket.error().kind);
  }
  // Each request gets at most the whole timeout (at least 1 s, at most 5 s), so a hung engine
  // cannot stretch the wall-clock limit much.
  const auto request_timeout =
      std::clamp(options.timeout, std::chrono::milliseconds(1000), std::chrono::milliseconds(5000));
  docker::EngineClient engine(*socket, request_timeout);
  docker::DockerRuntime runtime(engine);
  systemd::Notifier notifier;
  return wait_and_report(options, runtime, notifier, stdout, stderr);
}

}  // namespace
}  // namespace harmony::wait_for_container

int main(int argc, char** argv) noexcept {
  return harmony::log::guarded_main(harmony::wait_for_container::run, argc, argv);
}
