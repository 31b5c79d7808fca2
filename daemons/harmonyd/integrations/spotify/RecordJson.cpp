#include "integrations/spotify/RecordJson.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::spotify {
namespace {

using nlohmann::json;

constexpr std::size_t k_max_text = 1024;  // names, ids, dates: remote data is bounded

Error shape(std::string_view what, std::string_view field) {
  return failure(ErrorKind::invalid, Failure::bad_reply,
                 fmt::format("Spotify sent {} without a valid '{}'", what, field));
}

Result<std::string> text(const json& body, const char* field, std::string_view what,
                         bool required = true) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) {
      return shape(what, field);
    }
    return std::string();
  }
  if (!it->is_string() || it->get_ref<const std::string&>().size() > k_max_text ||
      (required && it->get_ref<const std::string&>().empty())) {
    return shape(what, field);
  }
  return it->get<std::string>();
}

Result<std::int64_t> integer(const json& body, const char* field, std::string_view what,
                             std::int64_t low, std::int64_t high) {
  const auto it = body.find(field);
  if (it == body.end() || !it->is_number_integer() || it->get<std::int64_t>() < low ||
      it->get<std::int64_t>() > high) {
    return shape(what, field);
  }
  return it->get<std::int64_t>();
}

Result<std::vector<ArtistRef>> artist_refs(const json& body, std::string_view what) {
  const auto it = body.find("artists");
  if (it == body.end() || !it->is_array()) {
    return shape(what, "artists");
  }
  std::vector<ArtistRef> refs;
  for (const json& artist : *it) {
    if (!artist.is_object() || refs.size() >= 50) {
      return shape(what, "artists");
    }
    ArtistRef ref;
    // Local files have artists without ids; keep the name.
    HARMONY_TRY_ASSIGN(ref.id, text(artist, "id", what, false));
    HARMONY_TRY_ASSIGN(ref.name, text(artist, "name", what));
    refs.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace

Result<Artist> artist_from_json(const json& body) {
  if (!body.is_object()) {
    return shape("an artist", "id");
  }
  Artist artist;
  HARMONY_TRY_ASSIGN(artist.id, text(body, "id", "an artist"));
  HARMONY_TRY_ASSIGN(artist.name, text(body, "name", "an artist"));
  if (const auto it = body.find("genres"); it != body.end() && it->is_array()) {
    for (const json& genre : *it) {
      if (genre.is_string() && artist.genres.size() < 20) {
        artist.genres.push_back(genre.get<std::string>().substr(0, 100));
      }
    }
  }
  return artist;
}

Result<AlbumSummary> album_summary_from_json(const json& body) {
  if (!body.is_object()) {
    return shape("an album", "id");
  }
  AlbumSummary album;
  HARMONY_TRY_ASSIGN(album.id, text(body, "id", "an album"));
  HARMONY_TRY_ASSIGN(album.name, text(body, "name", "an album"));
  HARMONY_TRY_ASSIGN(album.album_type, text(body, "album_type", "an album"));
  HARMONY_TRY_ASSIGN(album.release_date, text(body, "release_date", "an album"));
  HARMONY_TRY_ASSIGN(album.release_date_precision,
                     text(body, "release_date_precision", "an album", false));
  std::int64_t total = 0;
  HARMONY_TRY_ASSIGN(total, integer(body, "total_tracks", "an album", 0, 100'000));
  album.total_tracks = static_cast<int>(total);
  HARMONY_TRY_ASSIGN(album.artists, artist_refs(body, "an album"));
  return album;
}

Result<Track> track_from_json(const json& body) {
  if (!body.is_object()) {
    return shape("a track", "id");
  }
  Track track;
  HARMONY_TRY_ASSIGN(track.id, text(body, "id", "a track"));
  HARMONY_TRY_ASSIGN(track.name, text(body, "name", "a track"));
  std::int64_t number = 0;
  HARMONY_TRY_ASSIGN(number, integer(body, "track_number", "a track", 0, 10'000));
  track.track_number = static_cast<int>(number);
  HARMONY_TRY_ASSIGN(number, integer(body, "disc_number", "a track", 0, 1'000));
  track.disc_number = static_cast<int>(number);
  HARMONY_TRY_ASSIGN(track.duration_ms, integer(body, "duration_ms", "a track", 0, 86'400'000));
  track.explicit_content = body.value("explicit", false);
  HARMONY_TRY_ASSIGN(track.artists, artist_refs(body, "a track"));
  if (const auto ids = body.find("external_ids"); ids != body.end() && ids->is_object()) {
    HARMONY_TRY_ASSIGN(track.isrc, text(*ids, "isrc", "a track", false));
  }
  if (const auto album = body.find("album"); album != body.end() && !album->is_null()) {
    auto summary = album_summary_from_json(*album);
    if (!summary) {
      return std::move(summary).error();
    }
    track.album = std::move(*summary);
  }
  return track;
}

Result<User> user_from_json(const json& body) {
  if (!body.is_object()) {
    return shape("the user", "id");
  }
  User user;
  HARMONY_TRY_ASSIGN(user.id, text(body, "id", "the user"));
  HARMONY_TRY_ASSIGN(user.display_name, text(body, "display_name", "the user", false));
  HARMONY_TRY_ASSIGN(user.product, text(body, "product", "the user", false));
  return user;
}

Result<PlaylistItem> playlist_item_from_json(const json& body) {
  if (!body.is_object()) {
    return shape("a playlist item", "item");
  }
  PlaylistItem item;
  HARMONY_TRY_ASSIGN(item.added_at, text(body, "added_at", "a playlist item", false));
  const auto track = body.find("item");
  if (track == body.end()) {
    return shape("a playlist item", "item");
  }
  HARMONY_TRY_ASSIGN(item.item, track_from_json(*track));
  return item;
}

Result<PlaylistItem> saved_track_from_json(const json& body) {
  if (!body.is_object()) {
    return shape("a saved track", "track");
  }
  PlaylistItem item;
  HARMONY_TRY_ASSIGN(item.added_at, text(body, "added_at", "a saved track", false));
  auto track = body.find("track");
  if (track == body.end()) {
    track = body.find("item");
  }
  if (track == body.end()) {
    return shape("a saved track", "track");
  }
  HARMONY_TRY_ASSIGN(item.item, track_from_json(*track));
  return item;
}

Result<PlaylistSummary> playlist_summary_from_json(const json& body) {
  if (!body.is_object()) {
    return shape("a playlist", "id");
  }
  PlaylistSummary playlist;
  HARMONY_TRY_ASSIGN(playlist.id, text(body, "id", "a playlist"));
  HARMONY_TRY_ASSIGN(playlist.name, text(body, "name", "a playlist", false));
  const auto owner = body.find("owner");
  if (owner != body.end() && owner->is_object()) {
    HARMONY_TRY_ASSIGN(playlist.owner_id, text(*owner, "id", "a playlist's owner", false));
    HARMONY_TRY_ASSIGN(playlist.owner_name,
                       text(*owner, "display_name", "a playlist's owner", false));
  }
  const auto collaborative = body.find("collaborative");
  playlist.collaborative =
      collaborative != body.end() && collaborative->is_boolean() && collaborative->get<bool>();
  for (const char* field : {"items", "tracks"}) {
    const auto counted = body.find(field);
    if (counted != body.end() && counted->is_object() && counted->contains("total")) {
      std::int64_t total = 0;
      HARMONY_TRY_ASSIGN(total, integer(*counted, "total", "a playlist's items", 0, 10'000'000));
      playlist.total_items = static_cast<int>(total);
      break;
    }
  }
  return playlist;
}

template <typename T>
Result<Page<T>> page_from_json(const json& body,
                               const std::function<Result<T>(const json&)>& item) {
  if (!body.is_object() || !body.contains("items") || !body["items"].is_array()) {
    return shape("a page", "items");
  }
  Page<T> page;
  std::int64_t number = 0;
  HARMONY_TRY_ASSIGN(number, integer(body, "total", "a page", 0, 10'000'000));
  page.total = static_cast<int>(number);
  HARMONY_TRY_ASSIGN(number, integer(body, "offset", "a page", 0, 10'000'000));
  page.offset = static_cast<int>(number);
  HARMONY_TRY_ASSIGN(number, integer(body, "limit", "a page", 0, 1'000));
  page.limit = static_cast<int>(number);
  page.has_next = body.contains("next") && body["next"].is_string();
  for (const json& entry : body["items"]) {
    auto parsed = item(entry);
    if (parsed) {
      page.items.push_back(std::move(*parsed));
    } else {
      ++page.rejected;
    }
  }
  return page;
}

template Result<Page<Artist>> page_from_json(const json&,
                                             const std::function<Result<Artist>(const json&)>&);
template Result<Page<AlbumSummary>> page_from_json(
    const json&, const std::function<Result<AlbumSummary>(const json&)>&);
template Result<Page<Track>> page_from_json(const json&,
                                            const std::function<Result<Track>(const json&)>&);
template Result<Page<PlaylistItem>> page_from_json(
    const json&, const std::function<Result<PlaylistItem>(const json&)>&);
template Result<Page<PlaylistSummary>> page_from_json(
    const json&, const std::function<Result<PlaylistSummary>(const json&)>&);

nlohmann::json to_json(const ArtistRef& artist) {
  return {{"id", artist.id}, {"name", artist.name}};
}

nlohmann::json to_json(const Artist& artist) {
  return {{"id", artist.id}, {"name", artist.name}, {"genres", artist.genres}};
}

nlohmann::json to_json(const AlbumSummary& album) {
  json artists = json::array();
  for (const ArtistRef& artist : album.artists) {
    artists.push_back(to_json(artist));
  }
  return {{"id", album.id},
          {"name", album.name},
          {"album_type", album.album_type},
          {"release_date", album.release_date},
          {"release_date_precision", album.release_date_precision},
          {"total_tracks", album.total_tracks},
          {"artists", std::move(artists)}};
}

nlohmann::json to_json(const Track& track) {
  json artists = json::array();
  for (const ArtistRef& artist : track.artists) {
    artists.push_back(to_json(artist));
  }
  json body{{"id", track.id},
            {"name", track.name},
            {"track_number", track.track_number},
            {"disc_number", track.disc_number},
            {"duration_ms", track.duration_ms},
            {"explicit", track.explicit_content},
            {"isrc", track.isrc.empty() ? json(nullptr) : json(track.isrc)},
            {"artists", std::move(artists)}};
  if (track.album) {
    body["album"] = to_json(*track.album);
  }
  return body;
}

nlohmann::json to_json(const Album& album) {
  json body = to_json(album.summary);
  body["upc"] = album.upc.empty() ? json(nullptr) : json(album.upc);
  json tracks = json::array();
  for (const Track& track : album.tracks) {
    tracks.push_back(to_json(track));
  }
  body["tracks"] = std::move(tracks);
  return body;
}

std::optional<int> release_year(const std::string& release_date) {
  if (release_date.size() < 4 ||
      !std::all_of(release_date.begin(), release_date.begin() + 4,
                   [](unsigned char c) { return std::isdigit(c) != 0; })) {
    return std::nullopt;
  }
  const int year = std::stoi(release_date.substr(0, 4));
  return year >= 1000 ? std::optional<int>(year) : std::nullopt;
}

}  // namespace harmony::harmonyd::spotify
