#include "hdm/DownloadEngine.hpp"

#include <optional>

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::harmonyd::hdm {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

std::size_t state_index(JobState state) {
  return static_cast<std::size_t>(state);
}

}  // namespace

DownloadEngine::DownloadEngine(JobStore& store, slskd::SlskdClient& slskd, Library& library,
                               Clock& clock, ScoringOptions scoring, EngineOptions options)
    : m_store(store),
      m_slskd(slskd),
      m_library(library),
      m_clock(clock),
      m_scoring(std::move(scoring)),
      m_options(options),
      m_pacer(options.budget),
      m_rng(options.seed) {}

std::int64_t DownloadEngine::now_ms() const {
  return duration_cast<milliseconds>(m_clock.wall_now().time_since_epoch()).count();
}

std::string DownloadEngine::new_search_id() {
  std::uniform_int_distribution<std::uint64_t> bits;
  const std::uint64_t a = bits(m_rng);
  const std::uint64_t b = bits(m_rng);
  // A version 4 UUID: slskd's SearchRequest.id is a Guid.
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     0x8000 | (b >> 48 & 0x3fff), b & 0xffffffffffffULL);
}

std::string DownloadEngine::search_text(const TrackRequest& request) const {
  return request.artist + " " + request.title;
}

Result<std::pair<Job, SubmitOutcome>> DownloadEngine::submit(TrackRequest request) {
  Job job;
  job.dedupe_key = dedupe_key(request);
  job.request = std::move(request);
  job.state = JobState::requested;
  job.created_ms = job.updated_ms = job.state_since_ms = now_ms();
  auto inserted = m_store.insert_unique(std::move(job));
  if (!inserted) {
    return std::move(inserted).error();
  }
  auto& [stored, created] = *inserted;
  return std::make_pair(stored, created ? SubmitOutcome::created : SubmitOutcome::existing);
}

Result<void> DownloadEngine::resume() {
  const std::lock_guard lock(m_mutex);
  auto jobs = m_store.unfinished();
  if (!jobs) {
    return std::move(jobs).error();
  }
  for (const auto& job : *jobs) {
    if (job.state == JobState::searching && !job.search_id.empty()) {
      m_pacer.adopt(job.search_id, m_clock.now());
    }
  }
  log::info("download jobs resumed", {{"UNFINISHED", std::to_string(jobs->size())}});
  return {};
}

void DownloadEngine::tick() {
  auto jobs = m_store.unfinished();
  if (!jobs) {
    log::error("cannot read the download jobs", {{"ERROR", jobs.error().message}});
    return;
  }
  int waiting = 0;
  for (auto& listed : *jobs) {
    std::unique_lock lock(m_mutex);
    // Re-read under the lock: an API call may have cancelled the job meanwhile.
    auto current = m_store.get(listed.id);
    if (!current || is_terminal(current->state)) {
      continue;
    }
    Job& job = *current;
    m_tick_lock = &lock;
    if (job.state == JobState::filing) {
      step_file(job, lock);
      continue;
    }
    step(job);
    if (job.state == JobState::searching && job.search_id.empty()) {
      ++waiting;
    }
  }
  m_stats.searches_waiting = waiting;
  m_stats.searches_running = m_pacer.running();
}

void DownloadEngine::step(Job& job) {
  const bool needs_candidate = job.state == JobState::queued_remote ||
                               job.state == JobState::downloading ||
                               job.state == JobState::verifying || job.state == JobState::tagging;
  if (needs_candidate && job.chosen() == nullptr) {
    attempt_failed(job, "the stored job has no chosen candidate; searching again");
    return;
  }
  switch (job.state) {
    case JobState::requested:
      move_to(job, JobState::searching);
      save(job);
      return;
    case JobState::searching:
      step_search(job);
      return;
    case JobState::selecting:
      step_select(job);
      return;
    case JobState::queued_remote:
    case JobState::downloading:
      step_transfer(job);
      return;
    case JobState::verifying:
      step_verify(job);
      return;
    case JobState::tagging:
      step_tag(job);
      return;
    case JobState::filing:  // tick() runs step_file() itself: it releases the lock
      return;
    case JobState::failed:
      if (now_ms() >= job.next_retry_ms) {
        ++m_stats.retries;
        job.search_id.clear();
        job.candidates.clear();
        job.candidate_index = 0;
        job.next_retry_ms = 0;
        move_to(job, JobState::searching);
        save(job);
      }
      return;
    case JobState::done:
    case JobState::dead_letter:
    case JobState::cancelled:
      return;
  }
}

void DownloadEngine::candidate_failed(Job& job, const std::string& reason) {
  if (const Candidate* candidate = job.chosen()) {
    ++job.peer_failures[candidate->username];
  }
  job.last_error = reason;
  job.transfer_id.clear();
  ++job.candidate_index;
  move_to(job, JobState::selecting);
  save(job);
  log::warning("download candidate failed; trying the next one",
               {{"JOB", std::to_string(job.id)}, {"REASON", reason}});
}

void DownloadEngine::attempt_failed(Job& job, const std::string& reason) {
  ++job.attempts;
  job.last_error = reason;
  job.transfer_id.clear();
  if (job.attempts >= m_options.max_attempts) {
    move_to(job, JobState::dead_letter);
    save(job);
    log::warning("download dead-lettered", {{"JOB", std::to_string(job.id)}, {"REASON", reason}});
    return;
  }
  Backoff backoff(m_options.retry_backoff, m_rng());
  milliseconds delay{0};
  for (int i = 0; i < job.attempts; ++i) {
    delay = backoff.next();
  }
  job.next_retry_ms = now_ms() + delay.count();
  move_to(job, JobState::failed);
  save(job);
}

void DownloadEngine::move_to(Job& job, JobState state) {
  const std::int64_t now = now_ms();
  if (job.state != state) {
    const auto index = state_index(job.state);
    m_stats.seconds_in_state[index] =
        m_stats.seconds_in_state[index] + static_cast<double>(now - job.state_since_ms) / 1000.0;
    ++m_stats.state_exits[index];
  }
  job.state = state;
  job.state_since_ms = now;
}

void DownloadEngine::save(Job& job) {
  job.updated_ms = now_ms();
  if (auto saved = m_store.update(job); !saved) {
    log::error("cannot save download job",
               {{"JOB", std::to_string(job.id)}, {"ERROR", saved.error().message}});
  }
}

Result<Job> DownloadEngine::cancel(std::int64_t id) {
  std::unique_lock lock(m_mutex);
  auto job = m_store.get(id);
  if (!job) {
    return std::move(job).error();
  }
  const auto refused = [&](const Job& current) -> std::optional<Error> {
    if (m_filing.contains(id)) {
      return make_error(ErrorKind::invalid,
                        fmt::format("download {} is being filed into the library; it can no longer "
                                    "be cancelled",
                                    id));
    }
    if (is_terminal(current.state)) {
      return make_error(ErrorKind::invalid,
                        fmt::format("download {} is already {}; nothing to cancel", id,
                                    to_string(current.state)));
    }
    return std::nullopt;
  };
  if (auto error = refused(*job)) {
    return std::move(*error);
  }
  // slskd is told without the lock (it may be slow); the job is committed afterwards, from
  // what is stored then.
  const std::string search_id = job->search_id;
  const std::string transfer_id = job->transfer_id;
  const std::string peer = job->chosen() != nullptr ? job->chosen()->username : std::string();
  lock.unlock();
  if (!search_id.empty()) {
    static_cast<void>(m_slskd.delete_search(search_id));
  }
  if (!transfer_id.empty() && !peer.empty()) {
    if (auto cancelled = m_slskd.cancel_transfer(peer, transfer_id); !cancelled) {
      return std::move(cancelled).error();
    }
  }
  lock.lock();
  job = m_store.get(id);
  if (!job) {
    return std::move(job).error();
  }
  if (auto error = refused(*job)) {
    return std::move(*error);
  }
  if (!search_id.empty()) {
    m_pacer.finished(search_id);
  }
  // A step that finished meanwhile may have started a new search or transfer.
  const std::string later_search = job->search_id != search_id ? job->search_id : std::string();
  const std::string later_transfer =
      job->transfer_id != transfer_id && job->chosen() != nullptr ? job->transfer_id : "";
  const std::string later_peer = later_transfer.empty() ? "" : job->chosen()->username;
  if (!later_search.empty()) {
    m_pacer.finished(later_search);
  }
  if (m_stepping == id) {
    m_interrupted.insert(id);
  }
  job->search_id.clear();
  job->transfer_id.clear();
  move_to(*job, JobState::cancelled);
  save(*job);
  lock.unlock();
  if (!later_search.empty()) {
    static_cast<void>(m_slskd.delete_search(later_search));
  }
  if (!later_transfer.empty()) {
    static_cast<void>(m_slskd.cancel_transfer(later_peer, later_transfer));
  }
  return std::move(*job);
}

Result<Job> DownloadEngine::retry(std::int64_t id) {
  const std::lock_guard lock(m_mutex);
  auto job = m_store.get(id);
  if (!job) {
    return std::move(job).error();
  }
  if (job->state != JobState::failed && job->state != JobState::dead_letter &&
      job->state != JobState::cancelled) {
    return make_error(ErrorKind::invalid,
                      fmt::format("download {} is {}; only failed, dead_letter or cancelled "
                                  "downloads can be retried",
                                  id, to_string(job->state)));
  }
  job->attempts = 0;
  job->next_retry_ms = 0;
  job->search_id.clear();
  job->candidates.clear();
  job->candidate_index = 0;
  ++m_stats.retries;
  if (m_stepping == id) {
    m_interrupted.insert(id);
  }
  move_to(*job, JobState::searching);
  save(*job);
  return std::move(*job);
}

}  // namespace harmony::harmonyd::hdm
