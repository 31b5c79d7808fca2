#include "AudioControl.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace harmony::bridge {
namespace {

constexpr std::int64_t k_position_step_s = 5;

std::string dump(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string_view audiocontrol_state(PlaybackState state) noexcept {
  switch (state) {
    case PlaybackState::playing:
    case PlaybackState::buffering:
      return "playing";
    case PlaybackState::paused:
      return "paused";
    default:
      return "stopped";
  }
}

Result<void> AudioControl::post(const std::string& body) {
  auto status = m_poster.post_json(m_url, body);
  if (!status) {
    return std::move(status).error();
  }
  if (*status < 200 || *status >= 300) {
    return make_error(
        ErrorKind::unavailable,
        fmt::format("AudioControl at '{}' answered HTTP {}; check BRIDGE_AUDIOCONTROL_URL", m_url,
                    *status));
  }
  return {};
}

Result<void> AudioControl::publish(const SpeakerState& state) {
  const auto now = m_clock.now();
  if (!m_last_resync || now - *m_last_resync >= m_resync) {
    m_sent_state.reset();
    m_sent_song.reset();
    m_sent_position.reset();
    m_last_resync = now;
  }
  const std::string mapped(audiocontrol_state(state.playback));
  if (mapped != m_sent_state) {
    if (auto sent = post(dump({{"type", "state_changed"}, {"state", mapped}})); !sent) {
      return sent;
    }
    m_sent_state = mapped;
  }
  const bool has_song = !state.title.empty();
  if (has_song && (!m_sent_song || !m_sent_song->same_track(state))) {
    const nlohmann::json song = {{"title", state.title},
                                 {"artist", state.artists},
                                 {"album", state.album},
                                 {"duration", state.duration_ms.value_or(0) / 1000}};
    if (auto sent = post(dump({{"type", "song_changed"}, {"song", song}})); !sent) {
      return sent;
    }
    m_sent_song = state;
    m_sent_position.reset();
  }
  if (state.playback == PlaybackState::playing && state.position_s) {
    const std::int64_t position = *state.position_s;
    if (!m_sent_position || position < *m_sent_position ||
        position - *m_sent_position >= k_position_step_s) {
      if (auto sent = post(dump({{"type", "position_changed"}, {"position", position}})); !sent) {
        return sent;
      }
      m_sent_position = position;
    }
  }
  return {};
}

}  // namespace harmony::bridge
