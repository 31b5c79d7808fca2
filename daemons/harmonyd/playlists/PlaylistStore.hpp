#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "playlists/Playlist.hpp"

namespace harmony::harmonyd::playlists {

// Counts of one record_items call.
struct RecordOutcome {
  int queued = 0;
  int duplicates = 0;
  int removed = 0;
};

// Where followed playlists and every item they ever held live (SQLite in the daemon:
// store/PlaylistRepository). Implementations are thread-safe and every write is durable when
// it returns.
class PlaylistStore {
 public:
  virtual ~PlaylistStore() = default;

  // False when the playlist is already followed (nothing changed).
  virtual Result<bool> add(const FollowedPlaylist& playlist) = 0;
  virtual Result<std::optional<FollowedPlaylist>> find(const std::string& id) = 0;
  // Oldest first.
  virtual Result<std::vector<FollowedPlaylist>> list() = 0;
  // Writes the sync columns: name, owner, state, message, times, items_total.
  virtual Result<void> update(const FollowedPlaylist& playlist) = 0;
  // False when not followed. Its items go with it; download jobs and files stay.
  virtual Result<bool> remove(const std::string& id) = 0;

  // Spotify ids of every item the playlist ever held.
  virtual Result<std::set<std::string>> seen_ids(const std::string& playlist_id) = 0;
  // In one transaction: every `fresh` item is marked seen together with its download job (for
  // decision `queue`: a new job unless the same recording has one, which is linked instead);
  // `current` (Spotify ids in playlist order) sets each seen item's position and presence.
  // A crash leaves all of it or none. Fills each fresh item's job_id and final decision.
  virtual Result<RecordOutcome> record_items(const std::string& playlist_id,
                                             std::vector<PlaylistEntry>& fresh,
                                             const std::vector<std::string>& current,
                                             std::int64_t now_ms) = 0;
  // Every item with its job's state and final path, present ones first in playlist order.
  virtual Result<std::vector<PlaylistEntry>> entries(const std::string& playlist_id) = 0;
  // Followed playlists holding download `job_id` (present or not).
  virtual Result<std::vector<std::string>> playlists_of_job(std::int64_t job_id) = 0;
  // An entry of the activity feed (type playlist_*, subject "playlist:<id>").
  virtual Result<void> add_activity(const std::string& type, const std::string& playlist_id,
                                    const std::string& message, std::int64_t at_ms) = 0;
};

}  // namespace harmony::harmonyd::playlists
