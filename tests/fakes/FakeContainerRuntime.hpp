#pragma once

#include <functional>
#include <map>
#include <mutex>

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
  using ExecHandler = std::function<Result<containers::ExecOutput>(const std::string&, const std::vector<std::string>&)>;
  void on_exec(ExecHandler handler) {
    std::lock_guard lock(m_mutex);
    m_exec = std::move(handler);
  }
  std::vector<std::vector<std::string>> exec_calls() const {
    std::lock_guard lock(m_mutex);
    return m_exec_calls;
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
    return it == m_states.end() ? std::optional<containers::ContainerState>{} : std::optional{it->second};
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
  Result<containers::ExecOutput> exec(const std::string& name, const std::vector<std::string>& argv) override {
    ExecHandler handler;
    {
      std::lock_guard lock(m_mutex);
      m_exec_calls.push_back(argv);
      if (m_failure) {
        return *m_failure;
      }
      if (!m_exec) {
        return make_error(ErrorKind::internal, "exec is not scripted in FakeContainerRuntime: " + name);
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
  Result<void> start(const std::string& name) override { return set_status(name, "running"); }
  Result<void> stop(const std::string& name, std::chrono::seconds) override { return set_status(name, "exited"); }
  Result<void> kill(const std::string& name, const std::string&) override { return set_status(name, "exited"); }
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
  std::unique_ptr<containers::Subscription> follow_logs(const std::string&, std::int64_t,
                                                        std::function<void(const containers::LogLine&)>,
                                                        std::function<void(Result<void>)>) override {
    return std::make_unique<containers::Subscription>();
  }

 private:
  class Watch final : public containers::Subscription {
   public:
    Watch(FakeContainerRuntime& owner, int id, std::string name) : m_owner(owner), m_key(id, std::move(name)) {}
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
  std::map<std::string, containers::ContainerState> m_states;
  std::map<std::string, std::vector<std::string>> m_processes;
  std::map<std::pair<int, std::string>, containers::EventHandlers> m_watchers;
  std::optional<Error> m_failure;
  ExecHandler m_exec;
  std::vector<std::vector<std::string>> m_exec_calls;
  int m_next_watcher = 0;
  int m_inspect_calls = 0;
  std::int64_t m_clock = 0;
};

}  // namespace harmony::fakes
