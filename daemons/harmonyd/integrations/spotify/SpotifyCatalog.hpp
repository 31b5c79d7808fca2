#pragma once

#include <string>

#include "core/Result.hpp"
#include "integrations/spotify/Records.hpp"

namespace harmony::harmonyd::spotify {

enum class SearchType { artist, album, track };

// Spotify's catalogue as the rest of harmonyd sees it (search, artist discographies, albums,
// playlists), within the 2026 Development-Mode contract: single-item gets only, page sizes
// capped where Spotify caps them. Catalogue calls use the app token, so they work with no user
// connected; playlist items need the user. Errors carry a spotify::Failure. Thread-safe.
class SpotifyCatalog {
 public:
  static constexpr int k_search_page_max = 10;
  static constexpr int k_artist_albums_page_max = 10;

  virtual ~SpotifyCatalog() = default;
  // One page of results; `limit` is clamped to 1..10.
  virtual Result<Page<Artist>> search_artists(const std::string& query, int limit, int offset) = 0;
  virtual Result<Page<AlbumSummary>> search_albums(const std::string& query, int limit,
                                                   int offset) = 0;
  virtual Result<Page<Track>> search_tracks(const std::string& query, int limit, int offset) = 0;
  virtual Result<Artist> artist(const std::string& id) = 0;
  // Every release (albums, singles, compilations), 10 per request, at most `max_items`.
  virtual Result<std::vector<AlbumSummary>> artist_albums(const std::string& id,
                                                          int max_items = 200) = 0;
  // One page of an artist's releases of the given include_groups ("album,single", …), with
  // Spotify's `total` for those groups; `limit` is clamped to 1..10. One request.
  virtual Result<Page<AlbumSummary>> artist_albums_page(const std::string& id,
                                                        const std::string& include_groups,
                                                        int limit, int offset) = 0;
  // The album with every track; `with_isrc` adds one /tracks/{id} call per track, because
  // the album's simplified tracks carry no ISRC and the batch endpoint is gone.
  virtual Result<Album> album(const std::string& id, bool with_isrc) = 0;
  // One full track (with its album and ISRC). One request.
  virtual Result<Track> track(const std::string& id) = 0;
  // A page of a playlist the connected user owns or collaborates on (`item` per entry).
  virtual Result<Page<PlaylistItem>> playlist_items(const std::string& id, int limit,
                                                    int offset) = 0;
};

// Spotify ids are 22 base-62 characters; anything else is refused before a request is made.
bool valid_spotify_id(const std::string& id) noexcept;

}  // namespace harmony::harmonyd::spotify
