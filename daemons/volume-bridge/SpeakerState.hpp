#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace harmony::bridge {

// Full scale of the controller's volume bar: a 40-column window minus its two borders.
inline constexpr int k_volume_steps = 38;

// `PlaybackState::…` as the speaker controller prints it; `stopped` is ours: the speaker is away.
enum class PlaybackState { unknown, idle, playing, paused, buffering, stopped };
enum class SessionState { unknown, idle, starting, casting, switching, canceling };

// What the speaker shows, as parsed from one screen capture. Every text field is bounded,
// single-line and free of control characters. Optional fields are empty when not on screen;
// in particular a missing volume bar is "unknown", never 0.
struct SpeakerState {
  PlaybackState playback = PlaybackState::unknown;
  SessionState session = SessionState::unknown;
  std::string title;
  std::string artists;
  std::string album;
  std::optional<std::int64_t> duration_ms;
  std::string shuffle;
  std::string repeat_mode;
  std::optional<std::int64_t> position_s;  // the `38 / 227` line: first number
  std::optional<int> volume;               // 0..k_volume_steps

  bool operator==(const SpeakerState&) const = default;

  // The state published when the speaker cannot be read (container or controller away).
  static SpeakerState stopped() {
    SpeakerState state;
    state.playback = PlaybackState::stopped;
    return state;
  }
  // True when everything but the play position is equal: the publishers' "did anything change".
  bool same_except_position(const SpeakerState& other) const;
  bool same_track(const SpeakerState& other) const {
    return title == other.title && artists == other.artists && album == other.album &&
           duration_ms == other.duration_ms;
  }
};

std::string_view to_string(PlaybackState state) noexcept;
std::string_view to_string(SessionState state) noexcept;
// "PLAYING" → playing; unknown text → unknown.
PlaybackState parse_playback_state(std::string_view text) noexcept;
SessionState parse_session_state(std::string_view text) noexcept;

}  // namespace harmony::bridge
