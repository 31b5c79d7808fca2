#pragma once

#include <string>

#include "core/Result.hpp"
#include "integrations/spotify/Records.hpp"

namespace harmony::harmonyd::spotify {

// The connected user's side of Spotify that playlist following needs, within the 2026
// Development-Mode contract: /me/playlists, /playlists/{id}, /playlists/{id}/items (only for
// playlists the user owns or collaborates on, otherwise Spotify answers 403) and /me/tracks
// (Liked Songs). Every call uses the user's token: without a connected user each answers
// Failure::unauthenticated. Errors carry a spotify::Failure. Thread-safe.
class SpotifyPlaylists {
 public:
  static constexpr int k_page_max = 50;

  virtual ~SpotifyPlaylists() = default;
  // One page of the user's playlists (owned and followed); `limit` is clamped to 1..50.
  virtual Result<Page<PlaylistSummary>> my_playlists(int limit, int offset) = 0;
  // The playlist's name, owner and item count. ErrorKind::not_found for an unknown id.
  virtual Result<PlaylistSummary> playlist(const std::string& id) = 0;
  virtual Result<Page<PlaylistItem>> playlist_items(const std::string& id, int limit,
                                                    int offset) = 0;
  // One page of Liked Songs, newest first.
  virtual Result<Page<PlaylistItem>> liked_tracks(int limit, int offset) = 0;
};

}  // namespace harmony::harmonyd::spotify
