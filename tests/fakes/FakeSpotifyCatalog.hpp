#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "integrations/spotify/Failure.hpp"
#include "integrations/spotify/SpotifyCatalog.hpp"

namespace harmony::fakes {

// SpotifyCatalog over an in-memory discography, with the Development-Mode page cap (10), a
// request counter, and scripted failures (404, rate limited) for watchlist unit tests.
// Thread-safe.
class FakeSpotifyCatalog final : public harmonyd::spotify::SpotifyCatalog {
 public:
  using AlbumSummary = harmonyd::spotify::AlbumSummary;
  using Album = harmonyd::spotify::Album;

  void add_artist(const std::string& id, const std::string& name) {
    const std::lock_guard lock(m_mutex);
    m_artists[id] = name;
  }
  // Adds a release; Spotify lists the newest first, `listed_last` puts it at the end instead
  // (an old release that surfaces late).
  void add_release(const std::string& artist_id, Album album, bool listed_last = false) {
    const std::lock_guard lock(m_mutex);
    album.summary.artists = {{artist_id, m_artists[artist_id]}};
    album.summary.total_tracks = static_cast<int>(album.tracks.size());
    auto& releases = m_releases[artist_id];
    releases.insert(listed_last ? releases.end() : releases.begin(), std::move(album));
  }
  // After `pass` more requests succeed, the next `count` fail with `error` (e.g. not_found,
  // rate limited).
  void fail_next(int count, Error error, int pass = 0) {
    const std::lock_guard lock(m_mutex);
    m_fail_count = count;
    m_fail_error = std::move(error);
    m_fail_pass = pass;
  }
  int requests() const {
    const std::lock_guard lock(m_mutex);
    return m_requests;
  }

  Result<harmonyd::spotify::Page<harmonyd::spotify::Artist>> search_artists(const std::string&, int,
                                                                            int) override {
    return make_error(ErrorKind::internal, "not used");
  }
  Result<harmonyd::spotify::Page<AlbumSummary>> search_albums(const std::string&, int,
                                                              int) override {
    return make_error(ErrorKind::internal, "not used");
  }
  Result<harmonyd::spotify::Page<harmonyd::spotify::Track>> search_tracks(const std::string&, int,
                                                                          int) override {
    return make_error(ErrorKind::internal, "not used");
  }
  Result<harmonyd::spotify::Artist> artist(const std::string& id) override {
    const std::lock_guard lock(m_mutex);
    if (auto failed = take_failure()) {
      return *failed;
    }
    if (!m_artists.count(id)) {
      return make_error(ErrorKind::not_found, "Spotify has nothing at GET /artists/{id}");
    }
    return harmonyd::spotify::Artist{id, m_artists[id], {}};
  }
  Result<std::vector<AlbumSummary>> artist_albums(const std::string&, int) override {
    return make_error(ErrorKind::internal, "not used: the watchlist pages by itself");
  }
  Result<harmonyd::spotify::Page<AlbumSummary>> artist_albums_page(const std::string& id,
                                                                   const std::string& groups,
                                                                   int limit, int offset) override {
    const std::lock_guard lock(m_mutex);
    if (auto failed = take_failure()) {
      return *failed;
    }
    if (!m_artists.count(id)) {
      return make_error(ErrorKind::not_found, "Spotify has nothing at GET /artists/{id}/albums");
    }
    limit = std::clamp(limit, 1, k_artist_albums_page_max);
    std::vector<AlbumSummary> matching;
    for (const auto& album : m_releases[id]) {
      if (("," + groups + ",").find("," + album.summary.album_type + ",") != std::string::npos) {
        matching.push_back(album.summary);
      }
    }
    harmonyd::spotify::Page<AlbumSummary> page;
    page.total = static_cast<int>(matching.size());
    page.offset = offset;
    page.limit = limit;
    for (int i = offset; i < page.total && i < offset + limit; ++i) {
      page.items.push_back(matching[static_cast<std::size_t>(i)]);
    }
    page.has_next = offset + limit < page.total;
    return page;
  }
  Result<Album> album(const std::string& id, bool with_isrc) override {
    const std::lock_guard lock(m_mutex);
    if (auto failed = take_failure()) {
      return *failed;
    }
    for (const auto& [artist, releases] : m_releases) {
      for (const auto& album : releases) {
        if (album.summary.id == id) {
          m_requests += with_isrc ? static_cast<int>(album.tracks.size()) : 0;
          return album;
        }
      }
    }
    return make_error(ErrorKind::not_found, "Spotify has nothing at GET /albums/{id}");
  }
  Result<harmonyd::spotify::Track> track(const std::string&) override {
    return make_error(ErrorKind::internal, "not used");
  }
  Result<harmonyd::spotify::Page<harmonyd::spotify::PlaylistItem>> playlist_items(
      const std::string&, int, int) override {
    return make_error(ErrorKind::internal, "not used");
  }

 private:
  // Counts the request; the scripted failure when one is due (callers hold the mutex).
  std::optional<Error> take_failure() {
    ++m_requests;
    if (m_fail_pass > 0) {
      --m_fail_pass;
      return std::nullopt;
    }
    if (m_fail_count > 0) {
      --m_fail_count;
      return m_fail_error;
    }
    return std::nullopt;
  }

  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_artists;
  std::map<std::string, std::vector<Album>> m_releases;
  int m_requests = 0;
  int m_fail_count = 0;
  int m_fail_pass = 0;
  Error m_fail_error;
};

}  // namespace harmony::fakes
