#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "hdm/CandidateScorer.hpp"
#include "hdm/TrackRequest.hpp"

namespace harmony::harmonyd::hdm {

// requested → searching → selecting → queued_remote → downloading → verifying → tagging →
// filing → done; failed (waits for next_retry_at, then searches again), dead_letter and
// cancelled. Every state is persisted, so a restart continues where it stopped.
enum class JobState {
  requested,
  searching,
  selecting,
  queued_remote,
  downloading,
  verifying,
  tagging,
  filing,
  done,
  failed,
  dead_letter,
  cancelled,
};

std::string_view to_string(JobState state) noexcept;
std::optional<JobState> parse_job_state(std::string_view text) noexcept;
bool is_terminal(JobState state) noexcept;  // done, dead_letter, cancelled

// One download request and everything the engine learned about it. Times are wall-clock
// milliseconds since the epoch (they must survive a restart); 0 means "not set".
struct Job {
  std::int64_t id = 0;
  std::string dedupe_key;
  TrackRequest request;
  JobState state = JobState::requested;
  int attempts = 0;  // search rounds that ended without a filed file
  std::string search_id;
  std::int64_t search_started_ms = 0;
  std::vector<Candidate> candidates;  // best first, as scored
  std::size_t candidate_index = 0;    // the one being tried
  std::map<std::string, int> peer_failures;
  std::string transfer_id;
  std::int64_t bytes_seen = 0;
  std::string source_path;   // the completed download in DOWNLOADS_DIR
  std::string planned_path;  // the template's path in MUSIC_DIR, fixed before the move
  std::string final_path;    // where the file is now (may carry a " (n)" suffix)
  std::string last_error;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t state_since_ms = 0;
  std::int64_t progress_ms = 0;
  std::int64_t next_retry_ms = 0;

  const Candidate* chosen() const {
    return candidate_index < candidates.size() ? &candidates[candidate_index] : nullptr;
  }
  // The API's view: state, attempts, chosen candidate with its breakdown, last_error, paths.
  nlohmann::json to_json() const;
};

// The job's mutable part as JSON (candidates, peer failures, transfer progress) for storage;
// and back. Unknown or malformed content yields defaults, never a throw.
nlohmann::json job_details_to_json(const Job& job);
void job_details_from_json(const nlohmann::json& json, Job& job);
nlohmann::json request_to_json(const TrackRequest& request);
TrackRequest request_from_json(const nlohmann::json& json);

}  // namespace harmony::harmonyd::hdm
