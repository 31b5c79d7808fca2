#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/Result.hpp"

namespace harmony::harmonyd::api {

// What the /api/v1/playlists, /api/v1/spotify/playlists and /api/v1/sync routes need (the
// daemon's PlaylistService implements it). Spotify's failures carry a spotify::Failure, which
// the routes answer as the other Spotify routes do. Thread-safe.
class Playlists {
 public:
  virtual ~Playlists() = default;
  // {items:[{id,name,owner,collaborative,items_total,followed}]}: Liked Songs first, then
  // every playlist of the connected user.
  virtual Result<nlohmann::json> spotify_playlists() = 0;
  // Follows a link, URI, id or `liked`; the bool is false when it was already followed.
  virtual Result<std::pair<nlohmann::json, bool>> follow(const std::string& reference) = 0;
  virtual Result<nlohmann::json> list() = 0;
  // The playlist with every item it ever held.
  virtual Result<nlohmann::json> get(const std::string& id) = 0;
  virtual Result<void> unfollow(const std::string& id) = 0;
  // Asks for a sync of `id`, or of every followed playlist when `id` is empty; returns the
  // ids asked for.
  virtual Result<nlohmann::json> sync(const std::string& id) = 0;
};

}  // namespace harmony::harmonyd::api
