#pragma once

#include "hdm/JobStore.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::store {

// The download_jobs columns every job query selects, in the order collect_page reads them.
const char* job_columns() noexcept;
// A page of `limit` jobs from `stmt` (selecting job_columns() for up to limit + 1 rows ordered
// by id: the extra row only says there is a next page).
Result<hdm::JobPage> collect_page(sqlite::Statement& stmt, std::size_t limit);
// Inside a write transaction (so callers can pair a job with their own rows): inserts `job`
// unless its dedupe_key exists, with the ISRC, match key and duration columns the same-recording
// lookup uses. Returns the stored job and whether it was created.
Result<std::pair<hdm::Job, bool>> insert_job(sqlite::Database& db, const hdm::Job& job);
// Inside a write transaction: the job for the same recording as `request` if there is one
// (created false), else a new job in `requested` (created true).
Result<std::pair<std::int64_t, bool>> queue_unless_same_recording(sqlite::Database& db,
                                                                  const hdm::TrackRequest& request,
                                                                  std::int64_t now_ms);
// The oldest job for the same recording as `request`: the same ISRC, or the same normalised
// artist and title with a duration within library::k_duration_tolerance.
Result<std::optional<std::int64_t>> find_same_recording(sqlite::Database& db,
                                                        const hdm::TrackRequest& request);

// The `download_jobs` table (migration 2): hdm::JobStore on SQLite. Writes go through the
// Store's single writer and return once committed, so every state transition survives a
// crash; reads use the shared read connection. Thread-safe.
class JobRepository final : public hdm::JobStore {
 public:
  explicit JobRepository(Store& store) : m_store(store) {}

  Result<std::pair<hdm::Job, bool>> insert_unique(hdm::Job job) override;
  Result<hdm::Job> get(std::int64_t id) override;
  Result<void> update(const hdm::Job& job) override;
  Result<std::vector<hdm::Job>> unfinished() override;
  Result<hdm::JobPage> list(std::optional<hdm::JobState> state, std::size_t limit,
                            std::optional<std::int64_t> after_id) override;
  // Jobs per state, for metrics.
  Result<std::map<std::string, std::int64_t>> count_by_state();
  // The most recently changed jobs, newest first (index from migration 3).
  Result<std::vector<hdm::Job>> recent(std::size_t limit);
  // Deletes every job in `state`; how many.
  Result<std::int64_t> remove_in_state(hdm::JobState state);

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
