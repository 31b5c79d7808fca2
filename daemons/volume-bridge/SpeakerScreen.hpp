#pragma once

#include <chrono>
#include <stop_token>
#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::bridge {

// The speaker controller's terminal (port). Production: DockerSpeakerScreen, which runs tmux
// inside the speaker container through the Docker Engine API; tests: FakeSpeakerScreen.
class SpeakerScreen {
 public:
  virtual ~SpeakerScreen() = default;
  // The visible screen text (`tmux capture-pane -p`). ErrorKind::unavailable when the container
  // or the tmux session is away.
  virtual Result<std::string> capture() = 0;
  // Types one key into the controller (`tmux send-keys`). Thread-safe: MPRIS calls it from the
  // D-Bus thread while the loop captures.
  virtual Result<void> send_key(std::string_view key) = 0;
  // Blocks until the speaker container (re)starts (true), `timeout` passes or `stop` is
  // requested (false). Event-driven: no polling of the engine while waiting.
  virtual bool wait_for_restart(std::chrono::milliseconds timeout, std::stop_token stop) = 0;
  // True when capture() itself waits for the next screen (a streamed screen arriving at the
  // configured rate): the loop then starts each pass as soon as the last one ended, so a screen is
  // handled when it arrives rather than on a grid out of phase with the stream.
  virtual bool paces_captures() const noexcept { return false; }
};

// The controller's keys (its help line: "P: play / pause, L: next, K: previous").
inline constexpr std::string_view k_key_play_pause = "P";
inline constexpr std::string_view k_key_next = "L";
inline constexpr std::string_view k_key_previous = "K";

}  // namespace harmony::bridge
