#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <set>

#include "core/Backoff.hpp"
#include "core/Clock.hpp"
#include "hdm/CandidateScorer.hpp"
#include "hdm/JobStore.hpp"
#include "hdm/Library.hpp"
#include "hdm/SearchPacer.hpp"
#include "integrations/slskd/SlskdClient.hpp"

namespace harmony::harmonyd::hdm {

struct EngineOptions {
  SearchBudget budget;
  std::chrono::milliseconds search_timeout{15'000};   // slskd searchTimeout (after last response)
  std::chrono::milliseconds search_hard_cap{75'000};  // we stop waiting for completion here
  std::chrono::milliseconds remote_queue_timeout{300'000};  // "Queued, Remotely" this long → next
  std::chrono::milliseconds stall_timeout{600'000};         // no progress this long → next
  int max_attempts = 5;                                     // search rounds before dead_letter
  BackoffPolicy retry_backoff{std::chrono::minutes(1), std::chrono::hours(1), 2.0, 0.2};
  std::size_t max_candidates = 10;  // kept per search round
  std::uint64_t seed = std::random_device{}();
};

// Counters for metrics and the API. Monotonic except searches_waiting/running (gauges).
struct EngineStats {
  std::atomic<std::int64_t> slskd_busy{0};  // 429 answers
  std::atomic<std::int64_t> retries{0};     // failed → searching
  std::atomic<std::int64_t> searches_started{0};
  std::atomic<int> searches_waiting{0};  // jobs waiting for a search slot (the visible queue)
  std::atomic<int> searches_running{0};
  // Seconds spent per state, summed, and how many times each state was left.
  std::array<std::atomic<double>, 12> seconds_in_state{};
  std::array<std::atomic<std::int64_t>, 12> state_exits{};
};

enum class SubmitOutcome { created, existing };

// The download manager: advances every unfinished job one step per tick() through the state
// machine in Job.hpp, talking to slskd through SlskdClient and to the disk through Library.
// One thread calls tick(); submit/cancel/retry may come from API threads. A mutex serialises
// them with the tick's steps, but no one holds it across slow I/O: a step snapshots its job,
// calls slskd or the disk without the lock, then re-validates before it commits. Because
// tick() is the only caller of search POSTs, slskd never sees two concurrent POSTs from
// harmonyd.
class DownloadEngine {
 public:
  DownloadEngine(JobStore& store, slskd::SlskdClient& slskd, Library& library, Clock& clock,
                 ScoringOptions scoring, EngineOptions options);

  // Creates a job, or returns the existing one with the same dedupe key (ISRC or
  // artist|title|album). Request validation is the caller's job (artist and title required).
  Result<std::pair<Job, SubmitOutcome>> submit(TrackRequest request);
  // Cancels in slskd too (the search is deleted, the transfer cancelled and removed).
  // ErrorKind::invalid when the job is already finished.
  Result<Job> cancel(std::int64_t id);
  // A failed, dead-lettered or cancelled job searches again now, with a fresh attempt count.
  Result<Job> retry(std::int64_t id);

  // Re-registers searches that were running before a restart. Call once before tick().
  Result<void> resume();
  // Advances every unfinished job by one step. Never throws; errors end up in the jobs.
  void tick();

  const EngineStats& stats() const noexcept { return m_stats; }

 private:
  void step(Job& job);
  void step_search(Job& job);
  void step_select(Job& job);
  void step_transfer(Job& job);
  void step_verify(Job& job);
  void step_tag(Job& job);
  // Moves the file without holding m_mutex (a cross-device copy may take minutes): API calls
  // go on meanwhile; a cancel of this job is refused at once (the file is on its way in).
  void step_file(Job& job, std::unique_lock<std::mutex>& lock);
  // Runs a step's slow I/O (an slskd call, a tag write) without the engine lock, so API calls
  // are answered meanwhile. The step then checks interrupted(job) before committing anything:
  // the stored job is the truth, the step's copy is only a snapshot.
  template <typename Io>
  auto unlocked(const Job& job, Io&& io) {
    m_stepping = job.id;
    m_tick_lock->unlock();
    auto result = io();
    m_tick_lock->lock();
    m_stepping = 0;
    return result;
  }
  // Whether a cancel or retry took over `job` while its step's I/O ran; the step then drops
  // its result (after undoing what it started in slskd).
  bool interrupted(const Job& job) { return m_interrupted.erase(job.id) > 0; }
  void candidate_failed(Job& job, const std::string& reason);
  void attempt_failed(Job& job, const std::string& reason);
  void move_to(Job& job, JobState state);
  void save(Job& job);
  std::string new_search_id();
  std::string search_text(const TrackRequest& request) const;
  std::int64_t now_ms() const;

  JobStore& m_store;
  slskd::SlskdClient& m_slskd;
  Library& m_library;
  Clock& m_clock;
  ScoringOptions m_scoring;
  EngineOptions m_options;
  SearchPacer m_pacer;
  std::mt19937_64 m_rng;
  std::mutex m_mutex;
  std::set<std::int64_t> m_filing;  // jobs whose move runs outside the lock
  // The tick's lock while it steps a job, the job whose I/O runs without it, and the jobs a
  // cancel or retry took over meanwhile.
  std::unique_lock<std::mutex>* m_tick_lock = nullptr;
  std::int64_t m_stepping = 0;
  std::set<std::int64_t> m_interrupted;
  EngineStats m_stats;
};

}  // namespace harmony::harmonyd::hdm
