#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <set>
#include <string>

#include "core/Clock.hpp"

namespace harmony::harmonyd::hdm {

struct SearchBudget {
  int searches = 34;                          // SEARCH_BUDGET: at most this many starts ...
  std::chrono::milliseconds window{220'000};  // ... in any window this long (Soulseek bans above)
  int max_running = 2;                        // slskd runs 2 network searches; more only queue
};

// Decides when the next slskd search may start: fewer than `max_running` unfinished and fewer
// than `searches` starts in the trailing window. A start is recorded when the POST returned (a
// 429 is not a start). Not thread-safe: the engine's step owns it.
class SearchPacer {
 public:
  explicit SearchPacer(SearchBudget budget) : m_budget(budget) {}

  bool may_start(Clock::TimePoint now);
  void started(const std::string& id, Clock::TimePoint now);
  void finished(const std::string& id);
  // A search found running after a restart: counts as running, and as started now.
  void adopt(const std::string& id, Clock::TimePoint now) { started(id, now); }

  int running() const noexcept { return static_cast<int>(m_running.size()); }
  // When may_start() turns true on budget grounds alone (now, if it already is).
  Clock::TimePoint budget_free_at(Clock::TimePoint now);
  const SearchBudget& budget() const noexcept { return m_budget; }

 private:
  void expire(Clock::TimePoint now);

  struct Start {
    std::string id;
    Clock::TimePoint at;
  };
  SearchBudget m_budget;
  std::deque<Start> m_starts;
  std::set<std::string> m_running;
};

}  // namespace harmony::harmonyd::hdm
