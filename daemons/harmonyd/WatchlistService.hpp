#pragma once

#include <atomic>
#include <chrono>
#include <mutex>

#include "api/Watchlist.hpp"
#include "core/Clock.hpp"
#include "integrations/spotify/SpotifyCatalog.hpp"
#include "library/TrackStore.hpp"
#include "metrics/Registry.hpp"
#include "store/Store.hpp"
#include "store/WatchlistRepository.hpp"
#include "watchlist/DownloadActivity.hpp"
#include "watchlist/ReleaseChecker.hpp"
#include "watchlist/WatchScheduler.hpp"

namespace harmony::harmonyd {

struct WatchlistOptions {
  std::chrono::milliseconds interval{std::chrono::hours(12)};             // WATCHLIST_INTERVAL
  std::chrono::milliseconds activity_retention{std::chrono::hours(720)};  // ACTIVITY_RETENTION
};

// Watchlists as the daemon runs them: watches in SQLite, one scheduler thread checking one due
// artist at a time through the app's Spotify client, new tracks written as download jobs (the
// download manager picks them up), "already in the library" from the library index. Built by
// the App; WATCHLIST_INTERVAL and ACTIVITY_RETENTION take effect after a restart.
class WatchlistService final : public api::Watchlist {
 public:
  WatchlistService(WatchlistOptions options, store::Store& store, spotify::SpotifyCatalog& catalog,
                   library::TrackStore& library, const Clock& clock);
  ~WatchlistService() override;
  WatchlistService(const WatchlistService&) = delete;
  WatchlistService& operator=(const WatchlistService&) = delete;

  void start() { m_scheduler.start(); }
  void stop() noexcept { m_scheduler.stop(); }
  void register_metrics(metrics::Registry& registry);
  // Where the download manager reports jobs that ended: the activity feed's "download done"
  // and "download failed" for the jobs a check created.
  watchlist::JobOutcomeObserver& download_observer() noexcept { return m_download_activity; }

  Result<std::pair<watchlist::WatchedArtist, bool>> watch(
      const api::WatchRequest& request) override;
  Result<std::vector<watchlist::WatchedArtist>> list() override { return m_store.list(); }
  Result<api::WatchDetail> detail(const std::string& key) override;
  Result<watchlist::WatchedArtist> change(const std::string& key,
                                          const api::WatchPatch& patch) override;
  Result<watchlist::WatchedArtist> pause(const std::string& key, const std::string& reason,
                                         std::int64_t resume_at_ms) override;
  Result<watchlist::WatchedArtist> resume(const std::string& key) override;
  Result<watchlist::WatchedArtist> check_now(const std::string& key) override;
  Result<void> unwatch(const std::string& key) override;
  Result<watchlist::ActivityPage> activity(const std::string& type, std::size_t limit,
                                           std::optional<std::int64_t> before_id) override {
    return m_store.activity(type, limit, before_id);
  }

 private:
  Result<watchlist::WatchedArtist> existing(const std::string& key);
  Result<watchlist::WatchedArtist> save(watchlist::WatchedArtist artist, unsigned fields);
  void note(const std::string& type, const watchlist::WatchedArtist& artist,
            const std::string& message);
  void checked(const watchlist::CheckReport& report);
  std::int64_t now_ms() const;

  WatchlistOptions m_options;
  spotify::SpotifyCatalog& m_catalog;
  const Clock& m_clock;
  store::WatchlistRepository m_store;
  watchlist::DownloadActivity m_download_activity;
  watchlist::ReleaseChecker m_checker;
  watchlist::WatchScheduler m_scheduler;
  metrics::Registry* m_metrics = nullptr;
  std::atomic<std::int64_t> m_pruned_at{0};
};

}  // namespace harmony::harmonyd
