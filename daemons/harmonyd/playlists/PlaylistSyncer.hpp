#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "integrations/spotify/SpotifyPlaylists.hpp"
#include "library/TrackStore.hpp"
#include "playlists/PlaylistStore.hpp"

namespace harmony::harmonyd::playlists {

struct SyncOptions {
  std::filesystem::path music_dir;
  std::chrono::milliseconds interval{std::chrono::hours(6)};  // PLAYLIST_SYNC_INTERVAL
  // After a rate limit: the next attempt (the shared latch holds every request meanwhile).
  std::chrono::milliseconds rate_limited_wait{std::chrono::minutes(1)};
  int max_items = 10'000;  // per playlist: bounds what remote data can make us do
};

// One sync of one followed playlist against Spotify: every page of its items (50 per request,
// Liked Songs from /me/tracks), then in one transaction each item never seen before is marked
// seen with its download job (source `playlist`; the library and existing jobs are asked first,
// so a recording is never requested twice), and every item's presence and position are set.
// Then the playlist's M3U8 is written. A 403 from Spotify (Development Mode: items only of
// playlists the user owns or collaborates on) leaves the playlist `refused` with that reason in
// words. Not thread-safe per playlist: the caller runs one sync at a time.
class PlaylistSyncer {
 public:
  PlaylistSyncer(PlaylistStore& store, spotify::SpotifyPlaylists& spotify,
                 library::TrackStore& library, const Clock& clock, SyncOptions options);

  SyncReport sync(const std::string& id);
  // Rewrites the playlist's M3U8 from what is filed now (after a download finished).
  Result<void> write_playlist_file(const FollowedPlaylist& playlist);
  std::int64_t now_ms() const;

 private:
  Result<std::vector<spotify::PlaylistItem>> fetch(const FollowedPlaylist& playlist);
  Result<void> plan(const spotify::PlaylistItem& item, PlaylistEntry& entry, SyncReport& report);
  void failed(FollowedPlaylist& playlist, const Error& error, SyncReport& report);
  std::filesystem::path file_of(const FollowedPlaylist& playlist);

  PlaylistStore& m_store;
  spotify::SpotifyPlaylists& m_spotify;
  library::TrackStore& m_library;
  const Clock& m_clock;
  SyncOptions m_options;
};

}  // namespace harmony::harmonyd::playlists
