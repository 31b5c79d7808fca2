#pragma once

#include "core/Clock.hpp"
#include "watchlist/ReportingJobStore.hpp"
#include "watchlist/WatchlistStore.hpp"

namespace harmony::harmonyd::watchlist {

// Puts "download done" and "download failed" into the activity feed for the jobs a watchlist
// check created (source: watchlist), under the artist whose release asked for them. Other
// downloads are not the feed's business. Called on the download worker's thread.
class DownloadActivity final : public JobOutcomeObserver {
 public:
  DownloadActivity(WatchlistStore& store, const Clock& clock) : m_store(store), m_clock(clock) {}

  void ended(const hdm::Job& job) override;

 private:
  WatchlistStore& m_store;
  const Clock& m_clock;
};

}  // namespace harmony::harmonyd::watchlist
