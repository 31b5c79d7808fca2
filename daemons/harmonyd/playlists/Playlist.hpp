#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "hdm/TrackRequest.hpp"

namespace harmony::harmonyd::playlists {

// The id a followed playlist goes by: its Spotify id, or this for the user's Liked Songs.
inline constexpr const char* k_liked = "liked";

// A playlist harmonyd follows. `state` says how its last sync went, `message` why in words:
// following (not synced yet), synced, refused (Spotify will not give this app its items),
// not_found, unauthenticated (no user connected), rate_limited, failed.
struct FollowedPlaylist {
  std::string id;
  std::string name;
  std::string owner;
  std::string state = "following";
  std::string message;
  std::int64_t added_ms = 0;
  std::int64_t last_synced_ms = 0;
  std::int64_t next_sync_ms = 0;
  int items_total = 0;  // on Spotify at the last sync
};

// One item a playlist has ever held (seen once, kept after Spotify drops it, so it is never
// queued twice). `decision`: queued, duplicate (a job for the same recording existed),
// in_library, skipped.
struct PlaylistEntry {
  std::string spotify_id;
  int position = 0;
  bool present = true;  // still on the playlist at the last sync
  hdm::TrackRequest request;
  std::string decision;
  std::string reason;
  std::int64_t job_id = 0;
  std::string library_path;  // relative to MUSIC_DIR, for in_library
  // Read back only: the job's state and where it filed the file.
  std::string job_state;
  std::string final_path;
};

// What one sync did, for the activity feed, the metrics and the API.
struct SyncReport {
  std::string result;  // synced, refused, not_found, unauthenticated, rate_limited, failed
  int seen = 0;        // items on Spotify now
  int added = 0;       // items seen for the first time
  int queued = 0;
  int duplicates = 0;
  int in_library = 0;
  int skipped = 0;
  int removed = 0;  // items Spotify no longer lists
  std::string error;
};

// `liked`, a Spotify playlist link (open.spotify.com/playlist/<id>, with or without a query),
// a spotify:playlist:<id> URI or a bare id → the id. ErrorKind::invalid naming the field else.
Result<std::string> parse_playlist_reference(const std::string& text);

}  // namespace harmony::harmonyd::playlists
