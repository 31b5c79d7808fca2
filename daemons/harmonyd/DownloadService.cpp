#include "DownloadService.hpp"

#include <array>

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::harmonyd {
namespace {

hdm::LibraryOptions library_options(const config::Settings& settings) {
  // Both were validated when the settings were loaded.
  return {settings.downloads_dir, settings.music_dir,
          hdm::MoveTemplate::parse(settings.downloads.move_template).value()};
}

hdm::ScoringOptions scoring_options(const config::DownloadSettings& downloads) {
  hdm::ScoringOptions options{hdm::FormatPreference::parse(downloads.preferred_formats).value()};
  options.threshold = downloads.match_threshold;
  options.edition_words = downloads.edition_words;
  return options;
}

hdm::EngineOptions engine_options(const config::DownloadSettings& downloads) {
  hdm::EngineOptions options;
  options.budget = downloads.budget;
  options.search_timeout = downloads.search_timeout;
  // slskd completes a search searchTimeout after its last response; stop waiting well after.
  options.search_hard_cap = downloads.search_timeout * 5;
  options.remote_queue_timeout = downloads.remote_queue_timeout;
  options.stall_timeout = downloads.stall_timeout;
  options.max_attempts = downloads.max_attempts;
  options.retry_backoff = {downloads.retry_backoff, std::chrono::hours(1), 2.0, 0.2};
  return options;
}

constexpr std::array k_states{
    hdm::JobState::requested,     hdm::JobState::searching,   hdm::JobState::selecting,
    hdm::JobState::queued_remote, hdm::JobState::downloading, hdm::JobState::verifying,
    hdm::JobState::tagging,       hdm::JobState::filing,      hdm::JobState::done,
    hdm::JobState::failed,        hdm::JobState::dead_letter, hdm::JobState::cancelled};

}  // namespace

DownloadService::DownloadService(const config::Settings& settings, store::Store& store,
                                 Clock& clock, library::FilingObserver& filed,
                                 watchlist::JobOutcomeObserver& ended)
    : m_enabled(!settings.slskd_url.empty()),
      m_slskd(slskd::SlskdOptions{settings.slskd_url, settings.slskd_api_key}, m_transport),
      m_clock(clock),
      m_jobs(store),
      m_dead_letters(store),
      m_reported_jobs(m_jobs, ended),
      m_files(library_options(settings)),
      m_library(m_files, filed),
      m_engine(m_reported_jobs, m_slskd, m_library, clock, scoring_options(settings.downloads),
               engine_options(settings.downloads)),
      m_worker(m_engine, settings.downloads.poll_interval) {}

DownloadService::~DownloadService() {
  stop();
}

void DownloadService::start() {
  if (!m_enabled) {
    log::info("downloads are off: set SLSKD_URL and SLSKD_API_KEY to enable them");
    return;
  }
  if (auto resumed = m_engine.resume(); !resumed) {
    log::error("cannot resume the download jobs; they wait for the next tick",
               {{"ERROR", resumed.error().message}});
  }
  m_worker.start();
  m_started = true;
}

void DownloadService::stop() noexcept {
  if (m_started) {
    m_worker.stop();
    m_started = false;
  }
}

Result<void> DownloadService::require_enabled() const {
  if (!m_enabled) {
    return make_error(ErrorKind::unavailable,
                      "downloads need slskd: set SLSKD_URL and SLSKD_API_KEY (see "
                      "docs/configuration.md) and restart harmonyd");
  }
  return {};
}

Result<std::pair<hdm::Job, hdm::SubmitOutcome>> DownloadService::submit(hdm::TrackRequest request) {
  if (auto enabled = require_enabled(); !enabled) {
    return std::move(enabled).error();
  }
  auto submitted = m_engine.submit(std::move(request));
  if (submitted && submitted->second == hdm::SubmitOutcome::created) {
    log::info("download requested", {{"JOB", std::to_string(submitted->first.id)},
                                     {"ARTIST", submitted->first.request.artist},
                                     {"TITLE", submitted->first.request.title}});
    m_worker.wake();
  }
  return submitted;
}

Result<hdm::Job> DownloadService::find(std::int64_t id) {
  return m_jobs.get(id);
}

Result<hdm::JobPage> DownloadService::list(std::optional<hdm::JobState> state, std::size_t limit,
                                           std::optional<std::int64_t> after_id) {
  return m_jobs.list(state, limit, after_id);
}

Result<hdm::Job> DownloadService::retry(std::int64_t id) {
  if (auto enabled = require_enabled(); !enabled) {
    return std::move(enabled).error();
  }
  auto job = m_engine.retry(id);
  if (job) {
    m_worker.wake();
  }
  return job;
}

Result<hdm::Job> DownloadService::cancel(std::int64_t id) {
  return m_engine.cancel(id);
}

Result<std::map<std::string, std::int64_t>> DownloadService::counts() {
  return m_jobs.count_by_state();
}

Result<std::vector<hdm::Job>> DownloadService::recent(std::size_t limit) {
  return m_jobs.recent(limit);
}

Result<std::int64_t> DownloadService::purge_dead_letters() {
  auto removed = m_jobs.remove_in_state(hdm::JobState::dead_letter);
  if (removed) {
    log::info("dead-lettered downloads purged", {{"COUNT", std::to_string(*removed)}});
  }
  return removed;
}

std::int64_t DownloadService::wall_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             m_clock.wall_now().time_since_epoch())
      .count();
}

Result<hdm::JobPage> DownloadService::dead_letters(const std::string& reason, std::size_t limit,
                                                   std::optional<std::int64_t> after_id) {
  return m_dead_letters.list(reason, limit, after_id);
}

Result<hdm::DeadLetterStats> DownloadService::dead_letter_stats() {
  return m_dead_letters.stats(wall_ms() -
                              std::chrono::milliseconds(std::chrono::hours(24)).count());
}

Result<std::int64_t> DownloadService::purge_dead_letters(const hdm::DeadLetterPurge& purge) {
  auto removed = m_dead_letters.remove(purge, wall_ms());
  if (removed) {
    log::info("dead-lettered downloads purged", {{"COUNT", std::to_string(*removed)}});
  }
  return removed;
}

nlohmann::json DownloadService::status() const {
  const auto& stats = m_engine.stats();
  return {{"status", m_enabled ? (m_started ? "running" : "stopped") : "disabled"},
          {"searches_queued", stats.searches_waiting.load()},
          {"searches_running", stats.searches_running.load()}};
}

double DownloadService::jobs_in_state(std::string_view state) {
  const std::lock_guard lock(m_counts_mutex);
  const auto now = std::chrono::steady_clock::now();
  if (now - m_counts_at > std::chrono::seconds(1)) {
    auto counts = m_jobs.count_by_state();
    if (counts) {
      m_counts = std::move(*counts);
      m_counts_at = now;
    }
  }
  const auto it = m_counts.find(std::string(state));
  return it == m_counts.end() ? 0.0 : static_cast<double>(it->second);
}

void DownloadService::register_metrics(metrics::Registry& registry) {
  const hdm::EngineStats* stats = &m_engine.stats();
  for (const hdm::JobState state : k_states) {
    const std::string name(hdm::to_string(state));
    const auto index = static_cast<std::size_t>(state);
    registry.gauge_callback("harmony_download_jobs", "Download jobs by state.",
                            [this, name] { return jobs_in_state(name); }, {{"state", name}});
    registry.counter_callback(
        "harmony_download_state_seconds_total",
        "Seconds download jobs spent in each state before leaving it (divide by "
        "harmony_download_state_exits_total for the mean time per stage).",
        [stats, index] { return stats->seconds_in_state[index].load(); }, {{"state", name}});
    registry.counter_callback(
        "harmony_download_state_exits_total", "Times a download job left each state.",
        [stats, index] { return static_cast<double>(stats->state_exits[index].load()); },
        {{"state", name}});
  }
  registry.gauge_callback("harmony_download_searches_queued",
                          "Download jobs waiting for a search slot (SEARCH_BUDGET, 2 running).",
                          [stats] { return static_cast<double>(stats->searches_waiting.load()); });
  registry.gauge_callback("harmony_download_searches_running", "slskd searches in progress.",
                          [stats] { return static_cast<double>(stats->searches_running.load()); });
  registry.counter_callback("harmony_download_searches_total", "slskd searches started.", [stats] {
    return static_cast<double>(stats->searches_started.load());
  });
  registry.counter_callback("harmony_slskd_busy_total",
                            "slskd answers 429 (busy) to a search or enqueue POST.",
                            [stats] { return static_cast<double>(stats->slskd_busy.load()); });
  registry.counter_callback("harmony_download_retries_total",
                            "Download jobs that searched again after a failed round or a retry.",
                            [stats] { return static_cast<double>(stats->retries.load()); });
}

}  // namespace harmony::harmonyd
