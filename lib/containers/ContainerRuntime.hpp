#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.hpp"

namespace harmony::containers {

// What the domain needs to know about one container, whatever engine runs it.
struct ContainerState {
  std::string id;
  std::string name;    // without Docker's leading '/'
  std::string status;  // created|running|paused|restarting|removing|exited|dead
  // Docker's health status (starting|healthy|unhealthy); empty when no health check is defined.
  std::string health;
  bool tty = false;
  bool restarting = false;
  int restart_count = 0;
  int exit_code = 0;
};

// A container lifecycle event (die, start, health_status: healthy, destroy, ...).
struct ContainerEvent {
  std::string action;
  std::string id;
  std::string name;
  std::int64_t time_nano = 0;
};

struct ExecOutput {
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;
};

struct LogLine {
  bool from_stderr = false;
  std::string timestamp;  // RFC 3339 with nanoseconds, empty when not requested
  std::string text;       // without the trailing newline; bounded in length
};

// A running stream (events, logs) on its own thread. Destroying it cancels the stream and joins
// the thread; callbacks never run after the destructor returns.
class Subscription {
 public:
  virtual ~Subscription() = default;
};

// Called on the stream's thread. `connected` reports (re)connections and losses so a consumer can
// re-check state it may have missed while disconnected.
struct EventHandlers {
  std::function<void(const ContainerEvent&)> on_event;
  std::function<void(bool connected, const std::string& detail)> on_connection;
};

// The container engine as the domain sees it (Docker in production, a fake in unit tests).
// Names are exact: an implementation must never answer for a container whose name merely starts
// with, or is an ID prefix of, the given one. Methods are thread-safe.
class ContainerRuntime {
 public:
  virtual ~ContainerRuntime() = default;

  // The container's state, or nothing when no container has exactly this name.
  virtual Result<std::optional<ContainerState>> inspect(const std::string& name) = 0;
  // The command lines of the processes running in the container.
  virtual Result<std::vector<std::string>> processes(const std::string& name) = 0;
  virtual Result<ExecOutput> exec(const std::string& name,
                                  const std::vector<std::string>& argv) = 0;
  // Runs argv in the container (no TTY) on a thread of its own and hands its output over as it
  // arrives, in pieces of arbitrary size: `on_output(from_stderr, bytes)`. One long-lived command
  // instead of an exec per reading (each exec costs the engine a process and several calls). The
  // command's stdin stays open while the Subscription lives and reaches EOF when it is destroyed
  // or the connection drops, so a command can end itself when nobody listens any more. When the
  // output ends (the command exited, the container stopped) `on_end` runs once with the command's
  // exit code, or with the error that prevented or broke the stream; never after the destructor.
  virtual std::unique_ptr<Subscription> exec_stream(
      const std::string& name, const std::vector<std::string>& argv,
      std::function<void(bool from_stderr, std::string_view bytes)> on_output,
      std::function<void(Result<int> exit_code)> on_end) = 0;
  virtual Result<void> start(const std::string& name) = 0;
  virtual Result<void> stop(const std::string& name, std::chrono::seconds grace) = 0;
  virtual Result<void> kill(const std::string& name, const std::string& signal) = 0;
  virtual Result<void> remove(const std::string& name, bool force) = 0;

  // Lifecycle events of the named container, reconnecting after losses until destroyed.
  virtual std::unique_ptr<Subscription> watch(const std::string& name, EventHandlers handlers) = 0;
  // Follows the container's log from `since` (Unix seconds; 0 = everything). Ends when the
  // container stops; `on_end` then runs once on the stream's thread.
  virtual std::unique_ptr<Subscription> follow_logs(const std::string& name, std::int64_t since,
                                                    std::function<void(const LogLine&)> on_line,
                                                    std::function<void(Result<void>)> on_end) = 0;
};

}  // namespace harmony::containers
