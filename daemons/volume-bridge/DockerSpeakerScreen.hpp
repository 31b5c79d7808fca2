#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ControlFrames.hpp"
#include "SpeakerScreen.hpp"
#include "containers/ContainerRuntime.hpp"

namespace harmony::bridge {

// The speaker screen inside the container, through the engine's exec API (no process forks on
// the host). Reading costs one exec per container start and no process per read inside the
// container either: the exec runs a small bash relay (with one awk filter) around one tmux
// control-mode client (`tmux -C attach-session -r -t SESSION`) for the stream's lifetime. tmux
// notifies `%output` when the pane changes; the relay then sends `capture-pane -p` to the client as
// a command (at most one per `period`), plus one every k_refresh when the pane stays quiet, and
// passes the replies
// (`%begin … %end`/`%error`) on; ControlFrames splits them here. The relay ends when tmux does
// (its words become the error) or when its stdin reaches EOF, i.e. when this adapter closes the
// stream, so no client outlives the bridge. `capture` answers the newest screen not yet handed
// out, waiting for the next one; when the pane stayed quiet for k_repeat it answers the last
// screen again (no work in the container). When the stream ends (container stopped, exec died)
// capture fails once and the next capture opens a new stream. `send_key` stays a one-off exec
// (rare). Restarts are noticed from the engine's event stream (a `start` of the container),
// subscribed on the first wait and kept for the adapter's lifetime. Thread-safe.
class DockerSpeakerScreen final : public SpeakerScreen {
 public:
  // The relay's safety capture when the pane sends no change for this long.
  static constexpr std::chrono::seconds k_refresh{10};
  // A quiet pane: capture() answers the last screen again after this long.
  static constexpr std::chrono::milliseconds k_repeat{1000};

  DockerSpeakerScreen(containers::ContainerRuntime& runtime, std::string container,
                      std::string session,
                      std::chrono::milliseconds period = std::chrono::milliseconds(200));
  ~DockerSpeakerScreen() override;

  Result<std::string> capture() override;
  Result<void> send_key(std::string_view key) override;
  bool wait_for_restart(std::chrono::milliseconds timeout, std::stop_token stop) override;
  bool paces_captures() const noexcept override { return true; }

  // The command the streaming exec runs (for tests and the docs).
  std::vector<std::string> capture_client_argv() const;

 private:
  using SteadyClock = std::chrono::steady_clock;

  void open_stream(std::unique_lock<std::mutex>& lock);
  void close_stream(std::unique_lock<std::mutex>& lock);
  void on_output(std::uint64_t generation, bool from_stderr, std::string_view bytes);
  void on_reply(const ControlFrames::Reply& reply);
  void on_end(std::uint64_t generation, Result<int> exit_code);
  Error silence_error() const;

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
  ControlFrames m_frames;
  SteadyClock::time_point m_heard;            // the stream's last output (or its opening)
  std::optional<Result<std::string>> m_next;  // the newest capture not handed out yet
  std::optional<std::string> m_last;          // the last screen handed out from this stream
  std::optional<Error> m_end;                 // why the stream ended
  std::string m_tmux_said;                    // tmux's last %error or %exit words, bounded
  std::string m_stderr;                       // the relay's complaint, bounded
};

}  // namespace harmony::bridge
