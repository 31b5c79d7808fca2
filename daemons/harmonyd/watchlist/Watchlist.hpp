#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.hpp"
#include "hdm/TrackRequest.hpp"

namespace harmony::harmonyd::watchlist {

// What a watched artist's new releases turn into: `new` (only releases that appear after the
// artist was added; the first check records the existing ones as known), `all` (the whole
// discography of the chosen release types), `none` (followed, nothing downloaded).
enum class Monitor { new_releases, all, none };

std::string_view to_string(Monitor monitor) noexcept;
std::optional<Monitor> parse_monitor(std::string_view text) noexcept;

// Spotify's include_groups values a watch may choose.
inline constexpr std::string_view k_release_types[] = {"album", "single", "compilation",
                                                       "appears_on"};
bool is_release_type(std::string_view text) noexcept;

inline constexpr int k_min_priority = 0;
inline constexpr int k_max_priority = 100;

// One followed artist. Times are wall-clock milliseconds since the epoch; 0 means "never".
struct WatchedArtist {
  std::string key;  // spotify:<id>
  std::string spotify_id;
  std::string name;
  int priority = 50;
  Monitor monitor = Monitor::new_releases;
  std::vector<std::string> release_types{"album", "single"};
  bool paused = false;
  std::string pause_reason;
  std::int64_t resume_at_ms = 0;  // 0: paused until resumed by hand
  // Spotify's `total` per include_groups request of the last complete check (see the checker).
  std::map<std::string, int> totals;
  std::int64_t added_ms = 0;
  std::int64_t last_checked_ms = 0;
  std::int64_t last_full_scan_ms = 0;  // 0: the first complete scan has not happened yet
  std::int64_t next_check_ms = 0;
  int failures = 0;         // consecutive failed checks (the retry budget)
  std::string last_result;  // unchanged, new_releases, rescanned, rate_limited, failed, …
  std::string last_error;
};

// A release the watch has seen. `state`: wanted (its tracks were considered for download),
// existing (there before a `monitor: new` watch began), not_monitored (monitor none).
struct KnownRelease {
  std::string artist_key;
  std::string release_id;
  std::string name;
  std::string album_type;
  std::string release_date;
  int total_tracks = 0;
  std::string state;
  std::int64_t found_ms = 0;
};

// One track of a wanted release and what became of it. `decision` before recording: queue,
// in_library or skipped; the store turns queue into queued (a new job) or duplicate (an
// existing job for the same recording, linked instead).
struct ReleaseTrack {
  std::string spotify_id;
  hdm::TrackRequest request;
  std::string decision;
  std::string reason;       // why skipped or which library file holds it
  std::int64_t job_id = 0;  // the download job (new or existing), 0 when none
  std::string job_state;    // filled when read back
};

struct ReleaseView {
  KnownRelease release;
  std::vector<ReleaseTrack> tracks;
  int complete = 0;  // tracks in the library or downloaded
  int missing = 0;   // wanted tracks not (yet) there
};

struct ActivityEntry {
  std::int64_t id = 0;
  std::int64_t at_ms = 0;
  std::string type;  // artist_added, release_found, track_queued, download_done,
                     // download_failed, artist_paused, artist_resumed, check_failed
  std::string artist_key;
  std::string message;
};

struct RecordOutcome {
  int queued = 0;      // new jobs
  int duplicates = 0;  // linked to an existing job for the same recording
};

// Spotify artist ids from what people paste: spotify:<id>, spotify:artist:<id> or an
// open.spotify.com/artist/<id> URL (query string ignored). ErrorKind::invalid otherwise.
Result<std::string> parse_artist_reference(std::string_view text);
inline std::string artist_key(std::string_view spotify_id) {
  return "spotify:" + std::string(spotify_id);
}

}  // namespace harmony::harmonyd::watchlist
