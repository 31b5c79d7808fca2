#pragma once

#include "store/Store.hpp"
#include "watchlist/WatchlistStore.hpp"

namespace harmony::harmonyd::store {

// The watchlist tables (migration 5): watchlist::WatchlistStore on SQLite. record_release
// writes the release, its tracks and their download_jobs rows in one transaction through the
// Store's single writer, so the download engine (which reads unfinished jobs every tick) picks
// the jobs up and a crash leaves all of a release or none of it. Thread-safe. Artists and the
// activity feed are in WatchlistRepository.cpp, releases and tracks in WatchlistReleases.cpp.
class WatchlistRepository final : public watchlist::WatchlistStore {
 public:
  explicit WatchlistRepository(Store& store) : m_store(store) {}

  Result<bool> add(const watchlist::WatchedArtist& artist) override;
  Result<std::optional<watchlist::WatchedArtist>> find(const std::string& key) override;
  Result<std::vector<watchlist::WatchedArtist>> list() override;
  Result<void> update(const watchlist::WatchedArtist& artist, unsigned fields) override;
  Result<bool> remove(const std::string& key) override;
  Result<std::set<std::string>> known_release_ids(const std::string& artist_key) override;
  Result<watchlist::RecordOutcome> record_release(
      const watchlist::KnownRelease& release,
      std::vector<watchlist::ReleaseTrack>& tracks) override;
  Result<std::vector<watchlist::ReleaseView>> releases(const std::string& artist_key) override;
  Result<std::optional<std::string>> artist_of_job(std::int64_t job_id) override;
  Result<void> add_activity(const watchlist::ActivityEntry& entry) override;
  Result<watchlist::ActivityPage> activity(const std::string& type, std::size_t limit,
                                           std::optional<std::int64_t> before_id) override;
  Result<std::int64_t> prune_activity(std::int64_t cutoff_ms) override;

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
