#include "docker/DockerRuntime.hpp"

namespace harmony::docker {

Result<std::optional<containers::ContainerState>> DockerRuntime::inspect(const std::string& name) {
  auto state = m_engine.inspect(name);
  if (!state) {
    if (state.error().kind == ErrorKind::not_found) {
      return std::optional<containers::ContainerState>{};
    }
    return std::move(state).error();
  }
  if (state->name != name) {
    // Docker resolved `name` as an ID prefix of some other container.
    return std::optional<containers::ContainerState>{};
  }
  return std::optional<containers::ContainerState>{std::move(*state)};
}

Result<std::vector<std::string>> DockerRuntime::processes(const std::string& name) {
  auto top = m_engine.top(name);
  if (!top) {
    return std::move(top).error();
  }
  return top->command_lines();
}

Result<containers::ExecOutput> DockerRuntime::exec(const std::string& name,
                                                   const std::vector<std::string>& argv) {
  return m_engine.exec(name, argv);
}

std::unique_ptr<containers::Subscription> DockerRuntime::exec_stream(
    const std::string& name, const std::vector<std::string>& argv,
    std::function<void(bool from_stderr, std::string_view bytes)> on_output,
    std::function<void(Result<int> exit_code)> on_end) {
  return m_engine.exec_stream(name, argv, std::move(on_output), std::move(on_end));
}

Result<void> DockerRuntime::start(const std::string& name) {
  return m_engine.start(name);
}

Result<void> DockerRuntime::stop(const std::string& name, std::chrono::seconds grace) {
  return m_engine.stop(name, grace);
}

Result<void> DockerRuntime::kill(const std::string& name, const std::string& signal) {
  return m_engine.kill(name, signal);
}

Result<void> DockerRuntime::remove(const std::string& name, bool force) {
  return m_engine.remove(name, force);
}

std::unique_ptr<containers::Subscription> DockerRuntime::watch(const std::string& name,
                                                               containers::EventHandlers handlers) {
  // Lifecycle events only: exec_* events (the volume bridge execs at 5 Hz) would be noise.
  Filters filters{{"container", {name}},
                  {"event",
                   {"create", "start", "restart", "die", "kill", "stop", "pause", "unpause",
                    "destroy", "oom", "rename", "health_status"}}};
  auto on_event =
      [name, forward = std::move(handlers.on_event)](const containers::ContainerEvent& event) {
        if (event.name == name && forward) {
          forward(event);
        }
      };
  return m_engine.events(std::move(filters),
                         {std::move(on_event), std::move(handlers.on_connection)});
}

std::unique_ptr<containers::Subscription> DockerRuntime::follow_logs(
    const std::string& name, std::int64_t since,
    std::function<void(const containers::LogLine&)> on_line,
    std::function<void(Result<void>)> on_end) {
  LogOptions options;
  options.since = since;
  options.timestamps = true;
  return m_engine.follow_logs(name, options, std::move(on_line), std::move(on_end));
}

}  // namespace harmony::docker
