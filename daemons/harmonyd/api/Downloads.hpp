#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Result.hpp"
#include "hdm/DeadLetter.hpp"
#include "hdm/DownloadEngine.hpp"
#include "hdm/JobStore.hpp"

namespace harmony::harmonyd::api {

// What the /api/v1/downloads routes need from the download manager (the daemon's
// DownloadService implements it; route tests use tests/fakes/FakeDownloads.hpp). Errors use
// ErrorKind: not_found for an unknown id, invalid for a request the job's state does not allow
// (409), unavailable when slskd is not configured or not reachable (503). Thread-safe.
class Downloads {
 public:
  virtual ~Downloads() = default;
  // A new job, or the existing one with the same ISRC or artist|title|album.
  virtual Result<std::pair<hdm::Job, hdm::SubmitOutcome>> submit(hdm::TrackRequest request) = 0;
  virtual Result<hdm::Job> find(std::int64_t id) = 0;
  virtual Result<hdm::JobPage> list(std::optional<hdm::JobState> state, std::size_t limit,
                                    std::optional<std::int64_t> after_id) = 0;
  virtual Result<hdm::Job> retry(std::int64_t id) = 0;
  // Cancels in slskd too (search deleted, transfer cancelled).
  virtual Result<hdm::Job> cancel(std::int64_t id) = 0;
  // Jobs per state name; states without jobs are absent.
  virtual Result<std::map<std::string, std::int64_t>> counts() = 0;
  // The most recently changed jobs, newest first.
  virtual Result<std::vector<hdm::Job>> recent(std::size_t limit) = 0;
  // Deletes every dead-lettered job (DELETE /api/v1/dlq); how many were deleted.
  virtual Result<std::int64_t> purge_dead_letters() = 0;
  // Dead letters oldest first, only those with `reason` unless it is empty.
  virtual Result<hdm::JobPage> dead_letters(const std::string& reason, std::size_t limit,
                                            std::optional<std::int64_t> after_id) = 0;
  virtual Result<hdm::DeadLetterStats> dead_letter_stats() = 0;
  // Deletes the dead letters `purge` selects (other states are left alone); how many.
  virtual Result<std::int64_t> purge_dead_letters(const hdm::DeadLetterPurge& purge) = 0;
};

}  // namespace harmony::harmonyd::api
