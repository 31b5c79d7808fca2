#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "watchlist/ReleaseChecker.hpp"

namespace harmony::harmonyd::watchlist {

// Which watch is due: not paused (or its resume_at has passed) and next_check_ms reached; when
// several are (the daemon is behind), the highest priority first, then the longest overdue.
std::optional<std::string> next_due(const std::vector<WatchedArtist>& artists, std::int64_t now_ms);
// Milliseconds until the earliest watch becomes due (nothing when none ever will).
std::optional<std::int64_t> until_next_due(const std::vector<WatchedArtist>& artists,
                                           std::int64_t now_ms);

// The watchlist's thread: checks one due watch at a time (so Spotify sees one artist's
// requests at a time), sleeps until the next is due or it is woken (a watch added, changed or
// asked to check now). Each check's report goes to `on_check` (metrics). Thread-safe.
class WatchScheduler {
 public:
  using OnCheck = std::function<void(const std::string& key, const CheckReport& report)>;

  WatchScheduler(WatchlistStore& store, ReleaseChecker& checker, const Clock& clock,
                 OnCheck on_check = {});
  ~WatchScheduler();
  WatchScheduler(const WatchScheduler&) = delete;
  WatchScheduler& operator=(const WatchScheduler&) = delete;

  void start();
  void stop() noexcept;
  // Something changed: look at the schedule again now.
  void wake();
  // `key` was asked to check now (its next_check_ms is being set to 0). Call before writing
  // that: when `key` is being checked at this moment, the check's own next_check_ms would
  // overwrite the request, so the scheduler checks it once more right after.
  void request_check(const std::string& key);
  std::uint64_t checks_done() const noexcept { return m_checks.load(); }

 private:
  void run();
  void check(const std::string& key);
  std::int64_t now_ms() const;

  WatchlistStore& m_store;
  ReleaseChecker& m_checker;
  const Clock& m_clock;
  OnCheck m_on_check;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  bool m_woken = false;
  std::string m_checking;               // the key being checked, "" between checks
  std::set<std::string> m_check_again;  // asked to check while being checked
  std::atomic<std::uint64_t> m_checks{0};
  std::thread m_thread;
};

}  // namespace harmony::harmonyd::watchlist
