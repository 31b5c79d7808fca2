#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "api/Downloads.hpp"
#include "config/Settings.hpp"
#include "core/Clock.hpp"
#include "hdm/DownloadEngine.hpp"
#include "hdm/DownloadWorker.hpp"
#include "hdm/FileLibrary.hpp"
#include "integrations/slskd/ClientHttpTransport.hpp"
#include "integrations/slskd/HttpSlskdClient.hpp"
#include "library/IndexingLibrary.hpp"
#include "metrics/Registry.hpp"
#include "store/DeadLetterRepository.hpp"
#include "store/JobRepository.hpp"
#include "store/Store.hpp"
#include "watchlist/ReportingJobStore.hpp"

namespace harmony::harmonyd {

// The download manager as the daemon runs it: slskd over lib/http's client, jobs in SQLite, files
// through TagLib and the atomic mover, and a worker thread ticking the engine. Built by the
// App from the settings at start; SLSKD_*, DOWNLOADS_DIR, MUSIC_DIR and the download keys take
// effect after a restart. Without SLSKD_URL downloads are off: the API lists jobs but refuses
// new ones with 503.
class DownloadService final : public api::Downloads {
 public:
  // Every file it files is reported to `filed` (the library index), every job that ends
  // (done or dead_letter) to `ended` (the watchlist's activity feed).
  DownloadService(const config::Settings& settings, store::Store& store, Clock& clock,
                  library::FilingObserver& filed, watchlist::JobOutcomeObserver& ended);
  ~DownloadService() override;
  DownloadService(const DownloadService&) = delete;
  DownloadService& operator=(const DownloadService&) = delete;

  // Resumes unfinished jobs (they continue from their stored state) and starts the worker.
  void start();
  void stop() noexcept;
  bool enabled() const noexcept { return m_enabled; }
  void register_metrics(metrics::Registry& registry);
  // {"status","searches_queued","searches_running"} for /api/v1/status.
  nlohmann::json status() const;

  Result<std::pair<hdm::Job, hdm::SubmitOutcome>> submit(hdm::TrackRequest request) override;
  Result<hdm::Job> find(std::int64_t id) override;
  Result<hdm::JobPage> list(std::optional<hdm::JobState> state, std::size_t limit,
                            std::optional<std::int64_t> after_id) override;
  Result<hdm::Job> retry(std::int64_t id) override;
  Result<hdm::Job> cancel(std::int64_t id) override;
  Result<std::map<std::string, std::int64_t>> counts() override;
  Result<std::vector<hdm::Job>> recent(std::size_t limit) override;
  Result<std::int64_t> purge_dead_letters() override;
  Result<hdm::JobPage> dead_letters(const std::string& reason, std::size_t limit,
                                    std::optional<std::int64_t> after_id) override;
  Result<hdm::DeadLetterStats> dead_letter_stats() override;
  Result<std::int64_t> purge_dead_letters(const hdm::DeadLetterPurge& purge) override;

 private:
  Result<void> require_enabled() const;
  double jobs_in_state(std::string_view state);
  std::int64_t wall_ms() const;

  const bool m_enabled;
  slskd::ClientHttpTransport m_transport;
  slskd::HttpSlskdClient m_slskd;
  Clock& m_clock;
  store::JobRepository m_jobs;
  store::DeadLetterRepository m_dead_letters;
  watchlist::ReportingJobStore m_reported_jobs;
  hdm::FileLibrary m_files;
  library::IndexingLibrary m_library;
  hdm::DownloadEngine m_engine;
  hdm::DownloadWorker m_worker;
  bool m_started = false;
  // Jobs per state for the metrics, read once per scrape rather than once per series.
  std::mutex m_counts_mutex;
  std::map<std::string, std::int64_t> m_counts;
  std::chrono::steady_clock::time_point m_counts_at{};
};

}  // namespace harmony::harmonyd
