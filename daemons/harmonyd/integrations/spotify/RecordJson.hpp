#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "core/Result.hpp"
#include "integrations/spotify/Records.hpp"

namespace harmony::harmonyd::spotify {

// Remote JSON → records. Each parser fails (ErrorKind::invalid, Failure::bad_reply) naming the
// field when a required one is missing or has the wrong type; strings are bounded.
Result<Artist> artist_from_json(const nlohmann::json& body);
Result<AlbumSummary> album_summary_from_json(const nlohmann::json& body);
Result<Track> track_from_json(const nlohmann::json& body);
Result<User> user_from_json(const nlohmann::json& body);
Result<PlaylistItem> playlist_item_from_json(const nlohmann::json& body);
// A saved track of /me/tracks: `track` (Liked Songs kept the old name), or `item`.
Result<PlaylistItem> saved_track_from_json(const nlohmann::json& body);
Result<PlaylistSummary> playlist_summary_from_json(const nlohmann::json& body);

// A paging object: the page itself must be well-formed; a bad item is dropped and counted.
template <typename T>
Result<Page<T>> page_from_json(const nlohmann::json& body,
                               const std::function<Result<T>(const nlohmann::json&)>& item);

}  // namespace harmony::harmonyd::spotify
