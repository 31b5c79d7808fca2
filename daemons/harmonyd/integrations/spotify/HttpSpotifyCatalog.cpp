#include "integrations/spotify/HttpSpotifyCatalog.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/UrlEncode.hpp"
#include "integrations/spotify/Failure.hpp"
#include "integrations/spotify/RecordJson.hpp"

namespace harmony::harmonyd::spotify {
namespace {

using harmony::percent_encode;

constexpr int k_album_tracks_page = 50;

Error bad_id(std::string_view what, const std::string& id) {
  return make_error(
      ErrorKind::invalid,
      fmt::format("'{}' is not a Spotify {} id (22 letters and digits)", id.substr(0, 40), what));
}

std::string_view type_name(SearchType type) {
  switch (type) {
    case SearchType::artist:
      return "artist";
    case SearchType::album:
      return "album";
    case SearchType::track:
      return "track";
  }
  return "track";
}

}  // namespace

bool valid_spotify_id(const std::string& id) noexcept {
  return id.size() == 22 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

template <typename T>
Result<Page<T>> HttpSpotifyCatalog::search(SearchType type, const std::string& query, int limit,
                                           int offset, Result<T> (*parse)(const nlohmann::json&)) {
  if (query.empty() || query.size() > 500) {
    return make_error(ErrorKind::invalid, "the search text must be 1 to 500 bytes");
  }
  limit = std::clamp(limit, 1, k_search_page_max);
  offset = std::clamp(offset, 0, 1000);
  const std::string name(type_name(type));
  auto body = m_api.get("/search",
                        fmt::format("/search?q={}&type={}&limit={}&offset={}",
                                    percent_encode(query), name, limit, offset),
                        m_app);
  if (!body) {
    return std::move(body).error();
  }
  const auto key = name + "s";
  if (!body->is_object() || !body->contains(key)) {
    return failure(ErrorKind::unavailable, Failure::bad_reply,
                   fmt::format("Spotify's search answer has no '{}' page", key));
  }
  return page_from_json<T>((*body)[key], parse);
}

Result<Page<Artist>> HttpSpotifyCatalog::search_artists(const std::string& query, int limit,
                                                        int offset) {
  return search<Artist>(SearchType::artist, query, limit, offset, &artist_from_json);
}
Result<Page<AlbumSummary>> HttpSpotifyCatalog::search_albums(const std::string& query, int limit,
                                                             int offset) {
  return search<AlbumSummary>(SearchType::album, query, limit, offset, &album_summary_from_json);
}
Result<Page<Track>> HttpSpotifyCatalog::search_tracks(const std::string& query, int limit,
                                                      int offset) {
  return search<Track>(SearchType::track, query, limit, offset, &track_from_json);
}

Result<Artist> HttpSpotifyCatalog::artist(const std::string& id) {
  if (!valid_spotify_id(id)) {
    return bad_id("artist", id);
  }
  auto body = m_api.get("/artists/{id}", "/artists/" + id, m_app);
  if (!body) {
    return std::move(body).error();
  }
  return artist_from_json(*body);
}

Result<std::vector<AlbumSummary>> HttpSpotifyCatalog::artist_albums(const std::string& id,
                                                                    int max_items) {
  if (!valid_spotify_id(id)) {
    return bad_id("artist", id);
  }
  std::vector<AlbumSummary> albums;
  for (int offset = 0; offset < max_items; offset += k_artist_albums_page_max) {
    auto body = m_api.get("/artists/{id}/albums",
                          fmt::format("/artists/{}/albums?include_groups=album,single,compilation"
                                      "&limit={}&offset={}",
                                      id, k_artist_albums_page_max, offset),
                          m_app);
    if (!body) {
      return std::move(body).error();
    }
    auto page = page_from_json<AlbumSummary>(*body, &album_summary_from_json);
    if (!page) {
      return std::move(page).error();
    }
    for (auto& album : page->items) {
      if (static_cast<int>(albums.size()) < max_items) {
        albums.push_back(std::move(album));
      }
    }
    if (!page->has_next) {
      break;
    }
  }
  return albums;
}

Result<Page<AlbumSummary>> HttpSpotifyCatalog::artist_albums_page(const std::string& id,
                                                                  const std::string& include_groups,
                                                                  int limit, int offset) {
  if (!valid_spotify_id(id)) {
    return bad_id("artist", id);
  }
  const bool groups_ok = !include_groups.empty() && include_groups.size() <= 64 &&
                         std::all_of(include_groups.begin(), include_groups.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || c == '_' || c == ',';
                         });
  if (!groups_ok) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' is not a list of release groups such as album,single",
                                  include_groups.substr(0, 64)));
  }
  auto body = m_api.get(
      "/artists/{id}/albums",
      fmt::format("/artists/{}/albums?include_groups={}&limit={}&offset={}", id, include_groups,
                  std::clamp(limit, 1, k_artist_albums_page_max), std::clamp(offset, 0, 100'000)),
      m_app);
  if (!body) {
    return std::move(body).error();
  }
  return page_from_json<AlbumSummary>(*body, &album_summary_from_json);
}

Result<Album> HttpSpotifyCatalog::album(const std::string& id, bool with_isrc) {
  if (!valid_spotify_id(id)) {
    return bad_id("album", id);
  }
  auto body = m_api.get("/albums/{id}", "/albums/" + id, m_app);
  if (!body) {
    return std::move(body).error();
  }
  Album album;
  HARMONY_TRY_ASSIGN(album.summary, album_summary_from_json(*body));
  if (body->contains("external_ids") && (*body)["external_ids"].is_object()) {
    album.upc = (*body)["external_ids"].value("upc", std::string()).substr(0, 32);
  }
  if (!body->contains("tracks")) {
    return failure(ErrorKind::unavailable, Failure::bad_reply,
                   "Spotify sent an album without its 'tracks' page");
  }
  auto page = page_from_json<Track>((*body)["tracks"], &track_from_json);
  while (true) {
    if (!page) {
      return std::move(page).error();
    }
    for (auto& track : page->items) {
      album.tracks.push_back(std::move(track));
    }
    if (!page->has_next || album.tracks.size() >= 2000) {
      break;
    }
    auto next = m_api.get("/albums/{id}/tracks",
                          fmt::format("/albums/{}/tracks?limit={}&offset={}", id,
                                      k_album_tracks_page, page->offset + page->limit),
                          m_app);
    if (!next) {
      return std::move(next).error();
    }
    page = page_from_json<Track>(*next, &track_from_json);
  }
  if (with_isrc) {
    for (Track& track : album.tracks) {
      auto full = m_api.get("/tracks/{id}", "/tracks/" + percent_encode(track.id), m_app);
      if (!full) {
        return std::move(full).error();
      }
      if (auto parsed = track_from_json(*full)) {
        track.isrc = parsed->isrc;
      }
    }
  }
  return album;
}

Result<Track> HttpSpotifyCatalog::track(const std::string& id) {
  if (!valid_spotify_id(id)) {
    return bad_id("track", id);
  }
  auto body = m_api.get("/tracks/{id}", "/tracks/" + id, m_app);
  if (!body) {
    return std::move(body).error();
  }
  return track_from_json(*body);
}

Result<Page<PlaylistItem>> HttpSpotifyCatalog::playlist_items(const std::string& id, int limit,
                                                              int offset) {
  if (!valid_spotify_id(id)) {
    return bad_id("playlist", id);
  }
  auto body = m_api.get("/playlists/{id}/items",
                        fmt::format("/playlists/{}/items?limit={}&offset={}", id,
                                    std::clamp(limit, 1, 50), std::max(offset, 0)),
                        m_user);
  if (!body) {
    return std::move(body).error();
  }
  return page_from_json<PlaylistItem>(*body, &playlist_item_from_json);
}

}  // namespace harmony::harmonyd::spotify
