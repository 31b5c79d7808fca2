#pragma once

#include <vector>

#include "watchlist/ReportingJobStore.hpp"

namespace harmony::harmonyd::watchlist {

// Tells several observers about each ended job, in the order given (the download manager
// reports to one observer; the watchlist's activity feed and the playlists' M3U8 files both
// listen). The observers outlive it.
class JobOutcomeFanOut final : public JobOutcomeObserver {
 public:
  explicit JobOutcomeFanOut(std::vector<JobOutcomeObserver*> observers)
      : m_observers(std::move(observers)) {}

  void ended(const hdm::Job& job) override {
    for (JobOutcomeObserver* observer : m_observers) {
      observer->ended(job);
    }
  }

 private:
  std::vector<JobOutcomeObserver*> m_observers;
};

}  // namespace harmony::harmonyd::watchlist
