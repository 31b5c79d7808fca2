#pragma once

#include <functional>
#include <mutex>
#include <optional>

#include "Publisher.hpp"
#include "SpeakerScreen.hpp"
#include "dbus/MprisPlayer.hpp"

namespace harmony::bridge {

// Speaker state → MPRIS properties: PLAYING/BUFFERING → Playing, PAUSED → Paused, else Stopped;
// xesam:artist split on ", "; mpris:length and Position in µs; Volume = bar / 38 (0 when unknown).
dbus::MprisStatus to_mpris(const SpeakerState& state);

// Hands each changed MprisStatus to `sink` (MprisPlayer::update in production) and maps the
// player's methods to controller keys: PlayPause → P, Next → L, Previous → K; Play, Pause and
// Stop press P only when that changes something.
class MprisPublisher final : public Publisher {
 public:
  using Sink = std::function<void(const dbus::MprisStatus&)>;
  MprisPublisher(SpeakerScreen& screen, Sink sink) : m_screen(screen), m_sink(std::move(sink)) {}

  std::string_view name() const noexcept override { return "MPRIS"; }
  Result<void> publish(const SpeakerState& state) override;
  dbus::MprisCommands commands();

 private:
  void press(std::string_view key) noexcept;
  bool playing() const;

  SpeakerScreen& m_screen;
  Sink m_sink;
  mutable std::mutex m_mutex;
  std::optional<dbus::MprisStatus> m_sent;
};

}  // namespace harmony::bridge
