#pragma once

#include <optional>
#include <string>

#include "hdm/DeadLetter.hpp"
#include "hdm/JobStore.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::store {

// The dead-lettered rows of `download_jobs` (reason column from migration 7): listed by
// reason, counted, and removed by id or age. A dead letter's age counts from state_since_ms,
// when it entered the list. Thread-safe.
class DeadLetterRepository {
 public:
  explicit DeadLetterRepository(Store& store) : m_store(store) {}

  // Oldest first; `reason` empty for every reason.
  Result<hdm::JobPage> list(const std::string& reason, std::size_t limit,
                            std::optional<std::int64_t> after_id);
  // `since_ms`: the start of the "last 24 hours" window.
  Result<hdm::DeadLetterStats> stats(std::int64_t since_ms);
  // How many were removed; `now_ms` is the wall clock `older_than` counts back from.
  Result<std::int64_t> remove(const hdm::DeadLetterPurge& purge, std::int64_t now_ms);

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
