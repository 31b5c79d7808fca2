#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "watchlist/Watchlist.hpp"

namespace harmony::harmonyd::watchlist {

struct ActivityPage {
  std::vector<ActivityEntry> entries;  // newest first
  std::optional<std::int64_t> next_cursor;
};

// Column groups of a watch, each owned by one writer.
enum WatchFields : unsigned {
  k_watch_settings = 1,  // priority, monitor, release_types, totals (a type change resets them)
  k_watch_pause = 2,     // paused, pause_reason, resume_at_ms
  k_watch_check = 4,     // totals, last_checked, last_full_scan, failures, last_result/error
  k_watch_schedule = 8,  // next_check_ms
};

// Where watches, known releases, their tracks and the activity feed live (SQLite in the
// daemon: store/WatchlistRepository). Implementations are thread-safe and every write is
// durable when it returns.
class WatchlistStore {
 public:
  virtual ~WatchlistStore() = default;

  // False when the key is already watched (nothing changed).
  virtual Result<bool> add(const WatchedArtist& artist) = 0;
  virtual Result<std::optional<WatchedArtist>> find(const std::string& key) = 0;
  // Priority descending, then oldest first.
  virtual Result<std::vector<WatchedArtist>> list() = 0;
  // Writes only the columns of `fields` (a WatchFields mask), so a check finishing and a
  // pause arriving meanwhile do not overwrite each other.
  virtual Result<void> update(const WatchedArtist& artist, unsigned fields) = 0;
  // False when not watched. Known releases go with it; download jobs and files stay.
  virtual Result<bool> remove(const std::string& key) = 0;

  virtual Result<std::set<std::string>> known_release_ids(const std::string& artist_key) = 0;
  // In one transaction: the release becomes known together with a download job for every
  // track decided `queue` — unless a job for the same recording exists (same ISRC, or the
  // same normalised artist and title within 3 s), which is linked instead. A crash leaves
  // either all of it or none. Fills each track's job_id and final decision.
  virtual Result<RecordOutcome> record_release(const KnownRelease& release,
                                               std::vector<ReleaseTrack>& tracks) = 0;
  // Newest release first, with each track's download state.
  virtual Result<std::vector<ReleaseView>> releases(const std::string& artist_key) = 0;
  // The watched artist whose release created download `job_id`; nothing when none did (or
  // the artist is no longer watched).
  virtual Result<std::optional<std::string>> artist_of_job(std::int64_t job_id) = 0;

  virtual Result<void> add_activity(const ActivityEntry& entry) = 0;
  virtual Result<ActivityPage> activity(const std::string& type, std::size_t limit,
                                        std::optional<std::int64_t> before_id) = 0;
  // Removes entries older than `cutoff_ms`; returns how many.
  virtual Result<std::int64_t> prune_activity(std::int64_t cutoff_ms) = 0;
};

}  // namespace harmony::harmonyd::watchlist
