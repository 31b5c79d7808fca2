#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

#include "containers/ContainerRuntime.hpp"

namespace harmony::fakes {

// An in-memory ContainerRuntime. Tests set container states and process lists, and emit events
// to the current watchers. Thread-safe: the code under test may run on another thread.
class FakeContainerRuntime final : public containers::ContainerRuntime {
 public:
  void set_state(const containers::ContainerState& state) {
    std::lock_guard lock(m_mutex);
    m_states[state.name] = state;
  }
  void remove_container(const std::string& name) {
    std::lock_guard lock(m_mutex);
    m_states.erase(name);
  }
  void set_processes(const std::string& name, std::vector<std::string> command_lines) {
    std::lock_guard lock(m_mutex);
    m_processes[name] = std::move(command_lines);
  }
  // Every later call fails with this error (e.g. ErrorKind::unavailable), until cleared.
  void fail_with(std::optional<Error> error) {
    std::lock_guard lock(m_mutex);
    m_failure = std::move(error);
  }
  // Delivers `action` to the watchers of `name`, as Docker's event stream would.
  void emit(const std::string& name, const std::string& action) {
    std::vector<containers::EventHandlers> handlers;
    {
      std::lock_guard lock(m_mutex);
      ++m_clock;
      for (const auto& [watched, handler] : m_watchers) {
        if (watched.second == name) {
          handlers.push_back(handler);
        }
      }
    }
    for (const auto& handler : handlers) {
      handler.on_event({action, name, name, m_clock});
    }
  }
  // Answers exec calls (name, argv) from now on; without a handler exec fails with
  // ErrorKind::internal. The fake still refuses exec on a container it does not know or whose
  // status is not "running" (as the engine does), and records every argv it was asked to run.
  using ExecHandler = std::function<Result<containers::ExecOutput>(
      const std::string&, const std::vector<std::string>&)>;
  void on_exec(ExecHandler handler) {
    std::lock_guard lock(m_mutex);
    m_exec = std::move(handler);
  }
  std::vector<std::vector<std::string>> exec_calls() const {
    std::lock_guard lock(m_mutex);
    return m_exec_calls;
  }
  // The argv of every exec_stream call, in order.
  std::vector<std::vector<std::string>> stream_calls() const {
    std::lock_guard lock(m_mutex);
    return m_stream_calls;
  }
  // Streams whose Subscription is alive and which have not ended.
  int open_streams() const {
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_streams.size());
  }
  // Hands `bytes` to every open stream of `name`, as the engine would from the command's output.
  void stream_output(const std::string& name, std::string_view bytes, bool from_stderr = false) {
    std::lock_guard delivery(m_delivery);
    for (const auto& stream : streams_of(name)) {
      stream.on_output(from_stderr, bytes);
    }
  }
  // Ends every open stream of `name` with `exit_code` (the command exited or the engine failed).
  void end_streams(const std::string& name, const Result<int>& exit_code) {
    std::lock_guard delivery(m_delivery);
    std::vector<ExecStream> ended = streams_of(name);
    {
      std::lock_guard lock(m_mutex);
      std::erase_if(m_streams, [&](const auto& entry) { return entry.second.name == name; });
    }
    for (const auto& stream : ended) {
      stream.on_end(exit_code);
    }
  }
  int inspect_calls() const {
    std::lock_guard lock(m_mutex);
    return m_inspect_calls;
  }
  int watcher_count() const {
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_watchers.size());
  }

  Result<std::optional<containers::ContainerState>> inspect(const std::string& name) override {
    std::lock_guard lock(m_mutex);
    ++m_inspect_calls;
    if (m_failure) {
      return *m_failure;
    }
    const auto it = m_states.find(name);
    return it == m_states.end() ? std::optional<containers::ContainerState>{}
                                : std::optional{it->second};
  }
  Result<std::vector<std::string>> processes(const std::string& name) override {
    std::lock_guard lock(m_mutex);
    if (m_failure) {
      return *m_failure;
    }
    if (m_states.count(name) == 0) {
      return make_error(ErrorKind::not_found, "no such container: " + name);
    }
    return m_processes[name];
  }
  Result<containers::ExecOutput> exec(const std::string& name,
                                      const std::vector<std::string>& argv) override {
    ExecHandler handler;
    {
      std::lock_guard lock(m_mutex);
      m_exec_calls.push_back(argv);
      if (m_failure) {
        return *m_failure;
      }
      if (!m_exec) {
        return make_error(ErrorKind::internal,
                          "exec is not scripted in FakeContainerRuntime: " + name);
      }
      const auto it = m_states.find(name);
      if (it == m_states.end()) {
        return make_error(ErrorKind::not_found, "no such container: " + name);
      }
      if (it->second.status != "running") {
        return make_error(ErrorKind::unavailable, "container " + name + " is not running");
      }
      handler = m_exec;
    }
    return handler(name, argv);
  }
  // Like the engine, refuses a container it does not know or that is not running (on_end with the
  // error, here on the caller's thread); otherwise the stream stays open until end_streams.
  std::unique_ptr<containers::Subscription> exec_stream(
      const std::string& name, const std::vector<std::string>& argv,
      std::function<void(bool from_stderr, std::string_view bytes)> on_output,
      std::function<void(Result<int> exit_code)> on_end) override {
    std::optional<Error> refusal;
    int id = 0;
    {
      std::lock_guard lock(m_mutex);
      m_stream_calls.push_back(argv);
      const auto it = m_states.find(name);
      if (m_failure) {
        refusal = m_failure;
      } else if (it == m_states.end()) {
        refusal = make_error(ErrorKind::not_found, "no such container: " + name);
      } else if (it->second.status != "running") {
        refusal = make_error(ErrorKind::invalid, "container " + name + " is not running");
      } else {
        id = ++m_next_stream;
        m_streams[id] = ExecStream{name, std::move(on_output), std::move(on_end)};
      }
    }
    if (refusal) {
      on_end(*refusal);
    }
    return std::make_unique<StreamHandle>(*this, id);
  }
  Result<void> start(const std::string& name) override { return set_status(name, "running"); }
  Result<void> stop(const std::string& name, std::chrono::seconds) override {
    return set_status(name, "exited");
  }
  Result<void> kill(const std::string& name, const std::string&) override {
    return set_status(name, "exited");
  }
  Result<void> remove(const std::string& name, bool) override {
    remove_container(name);
    return {};
  }

  std::unique_ptr<containers::Subscription> watch(const std::string& name,
                                                  containers::EventHandlers handlers) override {
    std::lock_guard lock(m_mutex);
    const int id = ++m_next_watcher;
    m_watchers[{id, name}] = std::move(handlers);
    return std::make_unique<Watch>(*this, id, name);
  }
  std::unique_ptr<containers::Subscription> follow_logs(
      const std::string&, std::int64_t, std::function<void(const containers::LogLine&)>,
      std::function<void(Result<void>)>) override {
    return std::make_unique<containers::Subscription>();
  }

 private:
  struct ExecStream {
    std::string name;
    std::function<void(bool, std::string_view)> on_output;
    std::function<void(Result<int>)> on_end;
  };
  class StreamHandle final : public containers::Subscription {
   public:
    StreamHandle(FakeContainerRuntime& owner, int id) : m_owner(owner), m_id(id) {}
    ~StreamHandle() override {
      // Waits for a delivery in progress: no callback runs after this returns.
      std::lock_guard delivery(m_owner.m_delivery);
      std::lock_guard lock(m_owner.m_mutex);
      m_owner.m_streams.erase(m_id);
    }

   private:
    FakeContainerRuntime& m_owner;
    int m_id;
  };

  std::vector<ExecStream> streams_of(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    std::vector<ExecStream> out;
    for (const auto& [id, stream] : m_streams) {
      if (stream.name == name) {
        out.push_back(stream);
      }
    }
    return out;
  }

  class Watch final : public containers::Subscription {
   public:
    Watch(FakeContainerRuntime& owner, int id, std::string name)
        : m_owner(owner), m_key(id, std::move(name)) {}
    ~Watch() override {
      std::lock_guard lock(m_owner.m_mutex);
      m_owner.m_watchers.erase(m_key);
    }

   private:
    FakeContainerRuntime& m_owner;
    std::pair<int, std::string> m_key;
  };

  Result<void> set_status(const std::string& name, const std::string& status) {
    std::lock_guard lock(m_mutex);
    const auto it = m_states.find(name);
    if (it == m_states.end()) {
      return make_error(ErrorKind::not_found, "no such container: " + name);
    }
    it->second.status = status;
    return {};
  }

  mutable std::mutex m_mutex;
  std::mutex m_delivery;  // held while stream callbacks run
  std::map<std::string, containers::ContainerState> m_states;
  std::map<std::string, std::vector<std::string>> m_processes;
  std::map<std::pair<int, std::string>, containers::EventHandlers> m_watchers;
  std::optional<Error> m_failure;
  ExecHandler m_exec;
  std::vector<std::vector<std::string>> m_exec_calls;
  std::map<int, ExecStream> m_streams;
  std::vector<std::vector<std::string>> m_stream_calls;
  int m_next_watcher = 0;
  int m_next_stream = 0;
  int m_inspect_calls = 0;
  std::int64_t m_clock = 0;
};

}  // namespace harmony::fakes
