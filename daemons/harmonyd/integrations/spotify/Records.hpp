#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace harmony::harmonyd::spotify {

// Typed Spotify objects, holding only what harmonyd uses. Built by RecordJson.cpp, which
// rejects an object with a missing or mistyped required field instead of guessing.

struct ArtistRef {
  std::string id;
  std::string name;
};

struct Artist {
  std::string id;
  std::string name;
  std::vector<std::string> genres;
};

struct AlbumSummary {
  std::string id;
  std::string name;
  std::string album_type;  // album, single, compilation
  std::string release_date;
  std::string release_date_precision;  // year, month, day
  int total_tracks = 0;
  std::vector<ArtistRef> artists;
};

// The year of Spotify's release_date ("YYYY", "YYYY-MM" or "YYYY-MM-DD"); none for anything
// else rather than a wrong one.
std::optional<int> release_year(const std::string& release_date);

struct Track {
  std::string id;
  std::string name;
  int track_number = 0;
  int disc_number = 0;
  std::int64_t duration_ms = 0;
  bool explicit_content = false;
  std::string isrc;  // full track objects only
  std::vector<ArtistRef> artists;
  std::optional<AlbumSummary> album;  // full track objects only
};

struct Album {
  AlbumSummary summary;
  std::string upc;
  std::vector<Track> tracks;  // every page, in order
};

struct User {
  std::string id;
  std::string display_name;
  std::string product;  // premium, free, … (absent without user-read-private)
};

struct PlaylistItem {
  std::string added_at;
  Track item;  // `item` since the 2026 rename (was `track`)
};

// A playlist as /me/playlists and /playlists/{id} describe it (`items.total` since the 2026
// rename, `tracks.total` before).
struct PlaylistSummary {
  std::string id;
  std::string name;
  std::string owner_id;
  std::string owner_name;
  bool collaborative = false;
  int total_items = 0;
};

// One page of a paging object; `rejected` counts items left out for bad or missing fields.
template <typename T>
struct Page {
  std::vector<T> items;
  int total = 0;
  int offset = 0;
  int limit = 0;
  bool has_next = false;
  int rejected = 0;
};

nlohmann::json to_json(const ArtistRef& artist);
nlohmann::json to_json(const Artist& artist);
nlohmann::json to_json(const AlbumSummary& album);
nlohmann::json to_json(const Track& track);
nlohmann::json to_json(const Album& album);

}  // namespace harmony::harmonyd::spotify
