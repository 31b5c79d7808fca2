#pragma once

#include <chrono>
#include <mutex>

#include "api/LibraryIndex.hpp"
#include "config/Settings.hpp"
#include "library/LibraryIndexer.hpp"
#include "library/LibraryScanner.hpp"
#include "metrics/Registry.hpp"
#include "store/LibraryRepository.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd {

// The library index as the daemon runs it: MUSIC_DIR read with TagLib into SQLite by a
// background indexer, told about every download the moment it is filed. Built by the App;
// MUSIC_DIR and LIBRARY_SCAN_INTERVAL take effect after a restart.
class LibraryService final : public api::LibraryIndex {
 public:
  LibraryService(const config::Settings& settings, store::Store& store);

  // Starts the background indexer (its first scan runs at once).
  void start() { m_indexer.start(); }
  void stop() noexcept { m_indexer.stop(); }
  // Where the download manager reports filed files.
  library::FilingObserver& filing_observer() noexcept { return m_indexer; }
  // The index itself, for "already in the library" checks (watchlists).
  library::TrackStore& tracks() noexcept { return m_tracks; }
  void register_metrics(metrics::Registry& registry);

  Result<api::LibraryStats> stats() override;
  void request_scan() override { m_indexer.request_scan(); }
  Result<std::optional<library::LibraryTrack>> lookup(
      const library::TrackIdentity& identity) override {
    return m_tracks.find(identity);
  }

 private:
  // The counts for metrics: one aggregate query per 5 s, not one per series and scrape.
  library::IndexCounts recent_counts();

  store::LibraryRepository m_tracks;
  library::LibraryScanner m_scanner;
  library::LibraryIndexer m_indexer;
  std::mutex m_counts_mutex;
  library::IndexCounts m_counts;
  std::chrono::steady_clock::time_point m_counts_at{};
};

}  // namespace harmony::harmonyd
