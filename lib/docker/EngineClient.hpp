#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "containers/ContainerRuntime.hpp"
#include "docker/Transport.hpp"

namespace harmony::docker {

using containers::ContainerEvent;
using containers::ContainerState;
using containers::EventHandlers;
using containers::ExecOutput;
using containers::LogLine;
using containers::Subscription;

// Docker's filter syntax: {"status": ["running"], "label": ["a=b"]}.
using Filters = std::map<std::string, std::vector<std::string>>;

struct ContainerSummary {
  std::string id;
  std::vector<std::string> names;  // without the leading '/'
  std::string image;
  std::string state;   // running, exited, ...
  std::string status;  // "Up 2 minutes (healthy)"
};

struct TopResult {
  std::vector<std::string> titles;
  std::vector<std::vector<std::string>> processes;
  // The command column (CMD or COMMAND) of every process.
  std::vector<std::string> command_lines() const;
};

struct WaitResult {
  std::int64_t status_code = 0;
  std::string error;
};

struct LogOptions {
  std::int64_t since = 0;  // Unix seconds; 0 = from the beginning
  bool timestamps = false;
  std::string tail = "all";
};

// The Docker Engine API over its unix socket. The API version is negotiated once with /_ping
// (the lower of ours, 1.41, and the engine's). Errors are typed: ErrorKind::not_found (404),
// ErrorKind::unavailable (socket missing, refused, permission denied, timeout; names the socket),
// ErrorKind::invalid (any other refusal; HTTP status in native_code, engine message in the text).
// Thread-safe. Streams run on their own thread and stop when their Subscription is destroyed.
class EngineClient {
 public:
  explicit EngineClient(std::string socket_path,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5));

  const std::string& socket_path() const noexcept { return m_transport.socket_path(); }
  Result<std::string> api_version();

  // `name_or_id` as Docker resolves it (exact name, full ID or unique ID prefix).
  Result<ContainerState> inspect(const std::string& name_or_id);
  Result<std::vector<ContainerSummary>> list(const Filters& filters = {}, bool all = true);
  Result<TopResult> top(const std::string& name_or_id, const std::string& ps_args = "-ef");
  Result<void> start(const std::string& name_or_id);  // already running is success
  Result<void> stop(const std::string& name_or_id,
                    std::chrono::seconds grace);  // already stopped too
  Result<void> kill(const std::string& name_or_id, const std::string& signal = "SIGKILL");
  Result<void> remove(const std::string& name_or_id, bool force);
  // condition: not-running | next-exit | removed. Blocks up to `timeout`.
  Result<WaitResult> wait(const std::string& name_or_id, const std::string& condition,
                          std::chrono::milliseconds timeout);
  // Runs argv in the container (no TTY) and captures its output (each stream bounded to 1 MiB).
  Result<ExecOutput> exec(const std::string& name_or_id, const std::vector<std::string>& argv);
  // Streams argv's output (ContainerRuntime::exec_stream): the exec is created with stdin attached
  // and started on a stream of its own; a corrupt frame ends it with ErrorKind::invalid.
  std::unique_ptr<Subscription> exec_stream(
      const std::string& name_or_id, const std::vector<std::string>& argv,
      std::function<void(bool from_stderr, std::string_view bytes)> on_output,
      std::function<void(Result<int> exit_code)> on_end);
  // The log so far (no follow), demultiplexed unless the container has a TTY.
  Result<std::vector<LogLine>> logs(const std::string& name_or_id, const LogOptions& options);

  // Events matching `filters` (type=container is added), from now on. After a loss the stream
  // reconnects with backoff and resumes with `since` = the last event seen, skipping repeats.
  std::unique_ptr<Subscription> events(Filters filters, EventHandlers handlers);
  // Follows the log until the container stops (then `on_end(ok)`), an error (`on_end(error)`),
  // or the Subscription is destroyed (no `on_end`).
  std::unique_ptr<Subscription> follow_logs(const std::string& name_or_id,
                                            const LogOptions& options,
                                            std::function<void(const LogLine&)> on_line,
                                            std::function<void(Result<void>)> on_end);

 private:
  friend class EngineStreams;
  Result<std::string> versioned(const std::string& path);
  Result<Response> call(std::string_view method, const std::string& path,
                        const std::string& body = {},
                        std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  // Creates an exec; answers its path ("/exec/ID").
  Result<std::string> create_exec(const std::string& name_or_id,
                                  const std::vector<std::string>& argv, bool open_stdin,
                                  const std::string& what);
  Result<int> exec_exit_code(const std::string& exec_path, const std::string& what);
  Result<void> expect_no_content(std::string_view method, const std::string& path,
                                 std::string_view what,
                                 std::optional<std::chrono::milliseconds> timeout = std::nullopt);

  Transport m_transport;
  std::chrono::milliseconds m_timeout;
  std::mutex m_version_mutex;
  std::string m_version;
};

// Splits a log payload into LogLines: `timestamps` strips the leading RFC 3339 stamp into
// LogLine::timestamp. Used for logs and tests.
LogLine make_log_line(std::string_view line, bool from_stderr, bool timestamps);

// "exec of 'ARGV0' in container 'NAME'", for messages.
std::string exec_description(const std::string& name_or_id, const std::vector<std::string>& argv);

std::string encode_filters(const Filters& filters);

}  // namespace harmony::docker
