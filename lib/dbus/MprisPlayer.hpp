#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Result.hpp"

namespace harmony::dbus {

struct MprisMetadata {
  std::string track_id = "/org/mpris/MediaPlayer2/TrackList/NoTrack";  // an object path
  std::string title;
  std::vector<std::string> artists;
  std::string album;
  std::int64_t length_us = 0;
  bool operator==(const MprisMetadata&) const = default;
};

struct MprisStatus {
  std::string playback_status = "Stopped";  // Playing | Paused | Stopped
  MprisMetadata metadata;
  double volume = 0.0;  // 0..1
  std::int64_t position_us = 0;
  bool operator==(const MprisStatus&) const = default;
};

// What the player's methods do. Each is called on the D-Bus thread and must not throw; an empty
// function makes that method a no-op.
struct MprisCommands {
  std::function<void()> play_pause;
  std::function<void()> play;
  std::function<void()> pause;
  std::function<void()> stop;
  std::function<void()> next;
  std::function<void()> previous;
};

// An MPRIS2 media player (org.mpris.MediaPlayer2 + .Player at /org/mpris/MediaPlayer2) under
// the bus name org.mpris.MediaPlayer2.<player_name>, served from its own D-Bus thread.
// Properties are read-only for clients (Volume included: the source of truth is the speaker);
// Seek/SetPosition/OpenUri are accepted and ignored (CanSeek is false).
// `update` is thread-safe and emits PropertiesChanged only for properties that changed.
class MprisPlayer {
 public:
  // `bus`: "system", "session", or a D-Bus address such as "unix:path=/tmp/bus". Failing to
  // connect or to own the name is ErrorKind::unavailable naming the bus and the name.
  static Result<std::unique_ptr<MprisPlayer>> start(const std::string& bus,
                                                    const std::string& player_name,
                                                    const std::string& identity,
                                                    MprisCommands commands);
  ~MprisPlayer();
  MprisPlayer(const MprisPlayer&) = delete;
  MprisPlayer& operator=(const MprisPlayer&) = delete;

  void update(const MprisStatus& status);
  const std::string& bus_name() const noexcept;

 private:
  struct Impl;
  explicit MprisPlayer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace harmony::dbus
