#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Result.hpp"
#include "watchlist/WatchlistStore.hpp"

namespace harmony::harmonyd::api {

// A validated POST /api/v1/watchlist body (the artist reference is parsed by the service).
struct WatchRequest {
  std::string artist;
  std::optional<int> priority;
  std::optional<watchlist::Monitor> monitor;
  std::optional<std::vector<std::string>> release_types;
};

// A validated PATCH body: only what is present changes.
struct WatchPatch {
  std::optional<int> priority;
  std::optional<watchlist::Monitor> monitor;
  std::optional<std::vector<std::string>> release_types;
};

struct WatchDetail {
  watchlist::WatchedArtist artist;
  std::vector<watchlist::ReleaseView> releases;
};

// What the /api/v1/watchlist and /api/v1/activity routes need (the daemon's WatchlistService
// implements it). Errors: invalid for a malformed artist reference (422), not_found for an
// unknown watch or an artist Spotify does not have, Spotify failures as spotify::Failure.
// Thread-safe.
class Watchlist {
 public:
  virtual ~Watchlist() = default;
  // The watch, and false when the artist was already watched (nothing changed).
  virtual Result<std::pair<watchlist::WatchedArtist, bool>> watch(const WatchRequest& request) = 0;
  virtual Result<std::vector<watchlist::WatchedArtist>> list() = 0;
  virtual Result<WatchDetail> detail(const std::string& key) = 0;
  virtual Result<watchlist::WatchedArtist> change(const std::string& key,
                                                  const WatchPatch& patch) = 0;
  // resume_at_ms 0: until resumed by hand.
  virtual Result<watchlist::WatchedArtist> pause(const std::string& key, const std::string& reason,
                                                 std::int64_t resume_at_ms) = 0;
  virtual Result<watchlist::WatchedArtist> resume(const std::string& key) = 0;
  // Makes the watch due now (a paused watch is refused: resume it first).
  virtual Result<watchlist::WatchedArtist> check_now(const std::string& key) = 0;
  virtual Result<void> unwatch(const std::string& key) = 0;
  virtual Result<watchlist::ActivityPage> activity(const std::string& type, std::size_t limit,
                                                   std::optional<std::int64_t> before_id) = 0;
};

}  // namespace harmony::harmonyd::api
