#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ScreenRecords.hpp"
#include "SpeakerScreen.hpp"
#include "containers/ContainerRuntime.hpp"

namespace harmony::bridge {

// The speaker screen inside the container, through the engine's exec API (no process forks on
// the host). Reading costs the engine one exec per container start, not one per pass: a small sh
// loop in the container prints `tmux capture-pane -p -t SESSION` every `period`, each capture
// followed by a record separator, and this adapter reads that exec's output as a stream. The loop
// ends itself when tmux fails (its words become the error) or when its stdin reaches EOF, i.e.
// when this adapter closes the stream. `capture` answers the newest capture not yet handed out,
// waiting for the next one when there is none. When the stream ends (container stopped, exec
// died) capture fails once and the next capture opens a new stream. `send_key` stays a one-off
// exec (rare). Restarts are noticed from the engine's event stream (a `start` of the container),
// subscribed on the first wait and kept for the adapter's lifetime. Thread-safe.
class DockerSpeakerScreen final : public SpeakerScreen {
 public:
  DockerSpeakerScreen(containers::ContainerRuntime& runtime, std::string container,
                      std::string session,
                      std::chrono::milliseconds period = std::chrono::milliseconds(200));
  ~DockerSpeakerScreen() override;

  Result<std::string> capture() override;
  Result<void> send_key(std::string_view key) override;
  bool wait_for_restart(std::chrono::milliseconds timeout, std::stop_token stop) override;
  bool paces_captures() const noexcept override { return true; }

  // The command the streaming exec runs (for tests and the docs).
  std::vector<std::string> capture_loop_argv() const;

 private:
  void open_stream(std::unique_lock<std::mutex>& lock);
  void close_stream(std::unique_lock<std::mutex>& lock);
  void on_output(std::uint64_t generation, bool from_stderr, std::string_view bytes);
  void on_end(std::uint64_t generation, Result<int> exit_code);

  containers::ContainerRuntime& m_runtime;
  std::string m_container;
  std::string m_session;
  std::chrono::milliseconds m_period;
  std::mutex m_mutex;
  std::condition_variable_any m_wake;
  bool m_started = false;
  std::unique_ptr<containers::Subscription> m_events;
  // The screen stream; callbacks of an older stream (another generation) are ignored.
  std::unique_ptr<containers::Subscription> m_stream;
  bool m_stream_open = false;
  std::uint64_t m_generation = 0;
  ScreenRecords m_records;
  std::optional<Result<std::string>> m_next;  // the newest capture not handed out yet
  std::optional<Error> m_end;                 // why the stream ended
  std::string m_stderr;                       // tmux's complaint, bounded
};

}  // namespace harmony::bridge
