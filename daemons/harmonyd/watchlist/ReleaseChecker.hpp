#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "integrations/spotify/SpotifyCatalog.hpp"
#include "library/TrackStore.hpp"
#include "watchlist/WatchlistStore.hpp"

namespace harmony::harmonyd::watchlist {

struct CheckOptions {
  std::chrono::milliseconds interval{std::chrono::hours(12)};  // WATCHLIST_INTERVAL
  // After a rate limit: the next attempt (the shared latch holds every request meanwhile).
  std::chrono::milliseconds rate_limited_wait{std::chrono::minutes(1)};
  std::uint64_t seed = std::random_device{}();
  // A complete rescan at least this often even when every total is unchanged.
  std::chrono::milliseconds full_scan_every{std::chrono::hours(24 * 7)};
  int retry_budget = 6;  // failed checks in a row before waiting for the regular interval
  std::chrono::milliseconds retry_base{std::chrono::minutes(2)};
  std::chrono::milliseconds retry_cap{std::chrono::hours(2)};
  int max_releases = 1000;  // per artist and check: bounds what remote data can make us do
};

// What one check did, for the activity feed, the metrics and the API.
struct CheckReport {
  std::string result;  // unchanged, new_releases, rescanned, first_scan, paused, artist_not_found,
                       // rate_limited, failed, skipped_paused, not_watched
  int requests = 0;    // Spotify requests made
  int releases_found = 0;
  int tracks_queued = 0;
  int duplicates = 0;
  int in_library = 0;
  int skipped = 0;
  std::string error;
};

// One check of one watched artist against Spotify (Development-Mode contract: 10 releases per
// page, no batch endpoints):
// - cheap path: one /artists/{id}/albums?limit=10 request per release-type group (at most two:
//   album+single, compilation+appears_on) gives each group's `total` and newest page; when the
//   totals match the last complete check and the page holds no unknown release, that's it;
// - otherwise (a total changed, a week passed, or the first check) every page is read;
// - each release not yet known is recorded in one transaction with its download jobs, so a
//   crash or a 429 between releases loses nothing and doubles nothing: the next check simply
//   continues with the releases still unknown. Totals are stored only after a complete check.
// Spotify 404 pauses the watch (artist_not_found); a rate limit ends the check early; other
// failures count against the retry budget with exponential backoff. Not thread-safe per
// artist: the caller runs one check per artist at a time.
class ReleaseChecker {
 public:
  ReleaseChecker(WatchlistStore& store, spotify::SpotifyCatalog& catalog,
                 library::TrackStore& library, const Clock& clock, CheckOptions options = {});

  // Checks `key` now (paused watches whose resume_at has not passed are skipped) and sets its
  // next_check_ms: one WATCHLIST_INTERVAL ±10 % later, sooner after a failure (backoff).
  CheckReport check(const std::string& key);

 private:
  struct Scan;
  Result<void> scan_group(WatchedArtist& artist, const std::string& group, bool full, Scan& scan,
                          CheckReport& report);
  Result<void> take_release(const WatchedArtist& artist, const spotify::AlbumSummary& summary,
                            bool first_scan, CheckReport& report);
  Result<std::vector<ReleaseTrack>> plan_tracks(const WatchedArtist& artist,
                                                const spotify::Album& album, CheckReport& report);
  std::int64_t next_regular_check(std::int64_t now);
  void fail(WatchedArtist& artist, const Error& error, CheckReport& report, unsigned pause_fields);
  void note(const std::string& type, const std::string& artist_key, const std::string& message);
  std::int64_t now_ms() const;

  WatchlistStore& m_store;
  spotify::SpotifyCatalog& m_catalog;
  library::TrackStore& m_library;
  const Clock& m_clock;
  CheckOptions m_options;
  std::mt19937_64 m_rng;
};

// Wall-clock milliseconds since the epoch: the watchlist's stored times survive restarts.
inline std::int64_t wall_ms(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.wall_now().time_since_epoch())
      .count();
}

// The include_groups requests for a watch's release types: album/single in one, compilation/
// appears_on in the other, so an unchanged artist costs at most two requests.
std::vector<std::string> request_groups(const std::vector<std::string>& release_types);

}  // namespace harmony::harmonyd::watchlist
