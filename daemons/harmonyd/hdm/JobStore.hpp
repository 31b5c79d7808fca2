#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "hdm/Job.hpp"

namespace harmony::harmonyd::hdm {

struct JobPage {
  std::vector<Job> jobs;
  std::optional<std::int64_t> next_cursor;  // pass back as `after_id` for the next page
};

// Where jobs live (SQLite in harmonyd, a map in unit tests). Implementations are thread-safe;
// every write is durable when it returns.
class JobStore {
 public:
  virtual ~JobStore() = default;

  // Inserts `job` unless a job with the same dedupe_key exists; returns the stored job and
  // whether it was created (false: the existing one).
  virtual Result<std::pair<Job, bool>> insert_unique(Job job) = 0;
  virtual Result<Job> get(std::int64_t id) = 0;  // ErrorKind::not_found when absent
  virtual Result<void> update(const Job& job) = 0;
  // Jobs not in a terminal state, oldest first.
  virtual Result<std::vector<Job>> unfinished() = 0;
  virtual Result<JobPage> list(std::optional<JobState> state, std::size_t limit,
                               std::optional<std::int64_t> after_id) = 0;
};

}  // namespace harmony::harmonyd::hdm
