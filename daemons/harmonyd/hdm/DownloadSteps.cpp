// The per-state steps of DownloadEngine: search → select → transfer → verify → tag → file.
// Each advances one job by at most one state and persists it; failures go to
// candidate_failed (try the next peer) or attempt_failed (retry later, then dead letter).
#include <fmt/format.h>

#include "hdm/DownloadEngine.hpp"
#include "hdm/RemotePath.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd::hdm {
namespace {

bool busy(const Error& error) {
  return error.native_code == slskd::k_busy;
}

}  // namespace

void DownloadEngine::step_search(Job& job) {
  const auto now = m_clock.now();
  if (job.search_id.empty()) {
    if (!m_pacer.may_start(now)) {
      return;  // waits in the search queue
    }
    // The id is stored before the POST: after a crash the search is found (or found missing).
    job.search_id = new_search_id();
    job.search_started_ms = now_ms();
    save(job);
    auto started = unlocked(job, [&] {
      return m_slskd.start_search(job.search_id, search_text(job.request),
                                  m_options.search_timeout);
    });
    if (interrupted(job)) {
      // Cancelled while the POST ran: the cancel may have deleted the search before slskd
      // created it. Whatever reached slskd used the budget.
      if (started || !busy(started.error())) {
        m_pacer.started(job.search_id, m_clock.now());
        m_pacer.finished(job.search_id);
        static_cast<void>(unlocked(job, [&] { return m_slskd.delete_search(job.search_id); }));
        m_interrupted.erase(job.id);
      }
      return;
    }
    // The budget window counts from when the POST returned: slskd saw it no later than that.
    // A 429 or a POST that never reached slskd (not up yet) started nothing: no budget, no
    // attempt; the search waits in the queue for the next tick.
    if (!started &&
        (busy(started.error()) || started.error().native_code == slskd::k_not_reached)) {
      if (busy(started.error())) {
        ++m_stats.slskd_busy;
      }
      job.search_id.clear();
      save(job);
      return;
    }
    m_pacer.started(job.search_id, m_clock.now());
    if (!started) {
      // It may have reached slskd before failing (a timeout): it still used the budget.
      m_pacer.finished(job.search_id);
      job.search_id.clear();
      attempt_failed(job, started.error().message);
      return;
    }
    ++m_stats.searches_started;
    return;
  }
  auto status = unlocked(job, [&] { return m_slskd.search_status(job.search_id); });
  if (interrupted(job)) {
    return;  // the cancel deleted the search
  }
  if (!status) {
    if (status.error().kind == ErrorKind::not_found) {
      m_pacer.finished(job.search_id);  // gone (restart, retention): search again
      job.search_id.clear();
      save(job);
    }
    return;  // slskd unreachable: try again next tick
  }
  const bool overdue = now_ms() - job.search_started_ms > m_options.search_hard_cap.count();
  if (!status->is_complete && !overdue) {
    return;
  }
  auto responses = unlocked(job, [&] {
    auto answers = m_slskd.search_responses(job.search_id);
    static_cast<void>(m_slskd.delete_search(job.search_id));
    return answers;
  });
  if (interrupted(job)) {
    return;
  }
  m_pacer.finished(job.search_id);
  job.search_id.clear();
  if (!responses) {
    attempt_failed(job, responses.error().message);
    return;
  }
  CandidateScorer scorer(job.request, m_scoring);
  auto ranked = scorer.rank(*responses, job.peer_failures);
  if (ranked.size() > m_options.max_candidates) {
    ranked.resize(m_options.max_candidates);
  }
  if (ranked.empty()) {
    attempt_failed(job, fmt::format("no file from {} peer(s) scored at least MATCH_THRESHOLD {}",
                                    responses->size(), m_scoring.threshold));
    return;
  }
  job.candidates = std::move(ranked);
  job.candidate_index = 0;
  move_to(job, JobState::selecting);
  save(job);
}

void DownloadEngine::step_select(Job& job) {
  while (job.candidate_index < job.candidates.size() &&
         job.peer_failures[job.chosen()->username] >= m_scoring.fails_to_ignore) {
    ++job.candidate_index;  // this peer failed too often meanwhile
  }
  const Candidate* candidate = job.chosen();
  if (candidate == nullptr) {
    attempt_failed(job, fmt::format("every candidate failed; last: {}", job.last_error));
    return;
  }
  auto transfer =
      unlocked(job, [&] { return m_slskd.enqueue(candidate->username, candidate->file); });
  if (interrupted(job)) {
    if (transfer) {  // queued after the cancel looked: take it back
      static_cast<void>(unlocked(
          job, [&] { return m_slskd.cancel_transfer(candidate->username, transfer->id); }));
      m_interrupted.erase(job.id);
    }
    return;
  }
  if (!transfer) {
    if (busy(transfer.error())) {
      ++m_stats.slskd_busy;
      return;
    }
    candidate_failed(job, transfer.error().message);
    return;
  }
  job.transfer_id = transfer->id;
  job.bytes_seen = 0;
  job.progress_ms = now_ms();
  move_to(job, JobState::queued_remote);
  save(job);
}

void DownloadEngine::step_transfer(Job& job) {
  const Candidate& candidate = *job.chosen();
  auto transfer =
      unlocked(job, [&] { return m_slskd.transfer(candidate.username, job.transfer_id); });
  if (interrupted(job)) {
    return;
  }
  if (!transfer) {
    if (transfer.error().kind == ErrorKind::not_found) {
      // Removed by retention: if the file arrived, it is in the downloads folder.
      if (m_library.locate(candidate.file)) {
        move_to(job, JobState::verifying);
        save(job);
        return;
      }
      candidate_failed(job, fmt::format("slskd forgot transfer {} of '{}' (retention?) and the "
                                        "file is not in DOWNLOADS_DIR",
                                        job.transfer_id, candidate.file.filename));
    }
    return;
  }
  const auto& state = transfer->state;
  const std::int64_t now = now_ms();
  if (state.succeeded()) {
    move_to(job, JobState::verifying);
    save(job);
    return;
  }
  if (state.failed()) {
    candidate_failed(
        job, fmt::format("peer '{}' transfer ended '{}'{}", candidate.username, state.text(),
                         transfer->exception.empty() ? "" : ": " + transfer->exception));
    return;
  }
  if (state.in_progress() && job.state == JobState::queued_remote) {
    job.progress_ms = now;
    move_to(job, JobState::downloading);
  }
  if (transfer->bytes_transferred > job.bytes_seen) {
    job.bytes_seen = transfer->bytes_transferred;
    job.progress_ms = now;
  }
  const bool queue_timeout = job.state == JobState::queued_remote &&
                             now - job.state_since_ms > m_options.remote_queue_timeout.count();
  const bool stalled =
      job.state == JobState::downloading && now - job.progress_ms > m_options.stall_timeout.count();
  if (queue_timeout || stalled) {
    static_cast<void>(unlocked(
        job, [&] { return m_slskd.cancel_transfer(candidate.username, job.transfer_id); }));
    if (interrupted(job)) {
      return;
    }
    candidate_failed(
        job, fmt::format("peer '{}' {} (state '{}')", candidate.username,
                         queue_timeout ? "kept the file queued too long" : "stopped sending",
                         state.text()));
    return;
  }
  save(job);
}

void DownloadEngine::step_verify(Job& job) {
  const Candidate& candidate = *job.chosen();
  auto path = m_library.locate(candidate.file);
  if (!path) {
    candidate_failed(job, path.error().message);
    return;
  }
  auto verified =
      unlocked(job, [&] { return m_library.verify(*path, candidate.file.size, job.request); });
  if (interrupted(job)) {
    return;
  }
  if (!verified) {
    candidate_failed(job, verified.error().message);
    return;
  }
  job.source_path = *path;
  move_to(job, JobState::tagging);
  save(job);
}

void DownloadEngine::step_tag(Job& job) {
  auto tagged = unlocked(job, [&] { return m_library.tag(job.source_path, job.request); });
  if (interrupted(job)) {
    return;
  }
  if (!tagged) {
    attempt_failed(job, tagged.error().message);
    return;
  }
  const RemotePath remote = split_remote_path(job.chosen()->file.filename);
  auto planned = m_library.plan(job.request, remote.extension);
  if (!planned) {
    attempt_failed(job, planned.error().message);
    return;
  }
  job.planned_path = *planned;
  move_to(job, JobState::filing);
  save(job);  // the target is durable before anything moves
}

void DownloadEngine::step_file(Job& job, std::unique_lock<std::mutex>& lock) {
  m_filing.insert(job.id);
  lock.unlock();
  auto filed = m_library.file(job.source_path, job.planned_path);
  lock.lock();
  m_filing.erase(job.id);
  if (!filed) {
    attempt_failed(job, filed.error().message);
    return;
  }
  job.final_path = *filed;
  job.last_error.clear();
  move_to(job, JobState::done);
  save(job);
  log::info("download filed", {{"JOB", std::to_string(job.id)}, {"PATH", job.final_path}});
}

}  // namespace harmony::harmonyd::hdm
