#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "Publisher.hpp"

namespace harmony::bridge {

// Sends a JSON body with POST (port; the adapter is ClientPoster). Returns the HTTP status.
class HttpPoster {
 public:
  virtual ~HttpPoster() = default;
  virtual Result<int> post_json(const std::string& url, const std::string& body) = 0;
};

// HiFiBerry AudioControl (ACR) player events, as the pulpier tidal-bridge.sh sends them to
// `…/api/player/tidal/update`:
//   {"type":"state_changed","state":"playing|paused|stopped"}    on a state change,
//   {"type":"song_changed","song":{title,artist,album,duration}}   on a new non-empty title/artist,
//   {"type":"position_changed","position":N}                      while playing, when the position
//                                                                  moved by ≥ 5 s or went back,
// and all of them again every `resync` so ACR recovers after its own restart. A failed POST is
// retried on the next poll (the event is re-sent, not lost).
class AudioControl final : public Publisher {
 public:
  AudioControl(HttpPoster& poster, std::string url, const Clock& clock,
               std::chrono::milliseconds resync)
      : m_poster(poster), m_url(std::move(url)), m_clock(clock), m_resync(resync) {}

  std::string_view name() const noexcept override { return "AudioControl"; }
  Result<void> publish(const SpeakerState& state) override;

 private:
  Result<void> post(const std::string& body);

  HttpPoster& m_poster;
  std::string m_url;
  const Clock& m_clock;
  std::chrono::milliseconds m_resync;
  std::optional<std::string> m_sent_state;
  std::optional<SpeakerState> m_sent_song;
  std::optional<std::int64_t> m_sent_position;
  std::optional<Clock::TimePoint> m_last_resync;
};

// PLAYING/BUFFERING → playing, PAUSED → paused, anything else → stopped.
std::string_view audiocontrol_state(PlaybackState state) noexcept;

}  // namespace harmony::bridge
