#include "SpeakerState.hpp"

#include <array>
#include <utility>

namespace harmony::bridge {
namespace {

constexpr std::array<std::pair<PlaybackState, std::string_view>, 6> k_playback{{
    {PlaybackState::unknown, "UNKNOWN"},
    {PlaybackState::idle, "IDLE"},
    {PlaybackState::playing, "PLAYING"},
    {PlaybackState::paused, "PAUSED"},
    {PlaybackState::buffering, "BUFFERING"},
    {PlaybackState::stopped, "STOPPED"},
}};

constexpr std::array<std::pair<SessionState, std::string_view>, 6> k_session{{
    {SessionState::unknown, "UNKNOWN"},
    {SessionState::idle, "IDLE"},
    {SessionState::starting, "STARTING"},
    {SessionState::casting, "CASTING"},
    {SessionState::switching, "SWITCHING"},
    {SessionState::canceling, "CANCELING"},
}};

}  // namespace

bool SpeakerState::same_except_position(const SpeakerState& other) const {
  SpeakerState copy = other;
  copy.position_s = position_s;
  return copy == *this;
}

std::string_view to_string(PlaybackState state) noexcept {
  for (const auto& [value, name] : k_playback) {
    if (value == state) {
      return name;
    }
  }
  return "UNKNOWN";
}

std::string_view to_string(SessionState state) noexcept {
  for (const auto& [value, name] : k_session) {
    if (value == state) {
      return name;
    }
  }
  return "UNKNOWN";
}

PlaybackState parse_playback_state(std::string_view text) noexcept {
  for (const auto& [value, name] : k_playback) {
    if (name == text && value != PlaybackState::stopped) {
      return value;
    }
  }
  return PlaybackState::unknown;
}

SessionState parse_session_state(std::string_view text) noexcept {
  for (const auto& [value, name] : k_session) {
    if (name == text) {
      return value;
    }
  }
  return SessionState::unknown;
}

}  // namespace harmony::bridge
