#include "MprisPublisher.hpp"

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::bridge {
namespace {

std::vector<std::string> split_artists(const std::string& artists) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= artists.size() && !artists.empty()) {
    const std::size_t comma = artists.find(", ", start);
    out.push_back(artists.substr(start, comma - start));
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 2;
  }
  return out;
}

}  // namespace

dbus::MprisStatus to_mpris(const SpeakerState& state) {
  dbus::MprisStatus status;
  switch (state.playback) {
    case PlaybackState::playing:
    case PlaybackState::buffering:
      status.playback_status = "Playing";
      break;
    case PlaybackState::paused:
      status.playback_status = "Paused";
      break;
    default:
      status.playback_status = "Stopped";
      break;
  }
  if (!state.title.empty()) {
    status.metadata.track_id = "/org/mpris/MediaPlayer2/tidal/track";
  }
  status.metadata.title = state.title;
  status.metadata.artists = split_artists(state.artists);
  status.metadata.album = state.album;
  status.metadata.length_us = state.duration_ms.value_or(0) * 1000;
  status.position_us = state.position_s.value_or(0) * 1'000'000;
  status.volume = state.volume ? static_cast<double>(*state.volume) / k_volume_steps : 0.0;
  return status;
}

Result<void> MprisPublisher::publish(const SpeakerState& state) {
  dbus::MprisStatus status = to_mpris(state);
  {
    std::lock_guard lock(m_mutex);
    if (m_sent == status) {
      return {};
    }
    m_sent = status;
  }
  m_sink(status);
  return {};
}

bool MprisPublisher::playing() const {
  std::lock_guard lock(m_mutex);
  return m_sent && m_sent->playback_status == "Playing";
}

void MprisPublisher::press(std::string_view key) noexcept {
  if (auto sent = m_screen.send_key(key); !sent) {
    log::warning(
        fmt::format("MPRIS command not delivered (key '{}'): {}", key, sent.error().message));
  }
}

dbus::MprisCommands MprisPublisher::commands() {
  dbus::MprisCommands commands;
  commands.play_pause = [this] { press(k_key_play_pause); };
  commands.next = [this] { press(k_key_next); };
  commands.previous = [this] { press(k_key_previous); };
  commands.play = [this] {
    if (!playing()) {
      press(k_key_play_pause);
    }
  };
  commands.pause = [this] {
    if (playing()) {
      press(k_key_play_pause);
    }
  };
  commands.stop = commands.pause;
  return commands;
}

}  // namespace harmony::bridge
