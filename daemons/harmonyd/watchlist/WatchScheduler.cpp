#include "watchlist/WatchScheduler.hpp"

#include <algorithm>

#include "log/Log.hpp"

namespace harmony::harmonyd::watchlist {
namespace {

// Longest sleep between looks at the schedule, so a resume_at passing or a clock jump is
// noticed without a wake-up.
constexpr std::int64_t k_max_sleep_ms = 5'000;

bool checkable(const WatchedArtist& artist, std::int64_t now_ms) {
  return !artist.paused || (artist.resume_at_ms != 0 && artist.resume_at_ms <= now_ms);
}

std::int64_t due_at(const WatchedArtist& artist) {
  return artist.paused ? std::max(artist.next_check_ms, artist.resume_at_ms) : artist.next_check_ms;
}

}  // namespace

std::optional<std::string> next_due(const std::vector<WatchedArtist>& artists,
                                    std::int64_t now_ms) {
  const WatchedArtist* best = nullptr;
  for (const auto& artist : artists) {
    if (!checkable(artist, now_ms) || due_at(artist) > now_ms) {
      continue;
    }
    if (best == nullptr || artist.priority > best->priority ||
        (artist.priority == best->priority && due_at(artist) < due_at(*best))) {
      best = &artist;
    }
  }
  return best ? std::optional<std::string>(best->key) : std::nullopt;
}

std::optional<std::int64_t> until_next_due(const std::vector<WatchedArtist>& artists,
                                           std::int64_t now_ms) {
  std::optional<std::int64_t> soonest;
  for (const auto& artist : artists) {
    if (artist.paused && artist.resume_at_ms == 0) {
      continue;  // paused by hand: only a resume brings it back (and wakes us)
    }
    const std::int64_t wait = std::max<std::int64_t>(0, due_at(artist) - now_ms);
    soonest = soonest ? std::min(*soonest, wait) : wait;
  }
  return soonest;
}

WatchScheduler::WatchScheduler(WatchlistStore& store, ReleaseChecker& checker, const Clock& clock,
                               OnCheck on_check)
    : m_store(store), m_checker(checker), m_clock(clock), m_on_check(std::move(on_check)) {}

WatchScheduler::~WatchScheduler() {
  stop();
}

std::int64_t WatchScheduler::now_ms() const {
  return watchlist::wall_ms(m_clock);
}

void WatchScheduler::start() {
  if (!m_thread.joinable()) {
    m_thread = std::thread([this] { run(); });
  }
}

void WatchScheduler::stop() noexcept {
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void WatchScheduler::wake() {
  {
    const std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_wake.notify_all();
}

void WatchScheduler::request_check(const std::string& key) {
  {
    const std::lock_guard lock(m_mutex);
    if (m_checking == key) {
      m_check_again.insert(key);
    }
    m_woken = true;
  }
  m_wake.notify_all();
}

void WatchScheduler::check(const std::string& key) {
  {
    const std::lock_guard lock(m_mutex);
    m_checking = key;
  }
  const CheckReport report = m_checker.check(key);
  ++m_checks;
  if (report.result == "failed" || report.result == "rate_limited") {
    log::warning("watchlist check did not complete",
                 {{"ARTIST", key}, {"RESULT", report.result}, {"ERROR", report.error}});
  }
  if (m_on_check) {
    m_on_check(key, report);
  }
  bool again = false;
  {
    const std::lock_guard lock(m_mutex);
    m_checking.clear();
    again = m_check_again.erase(key) > 0;
  }
  if (!again) {
    return;
  }
  // The check just stored its next regular time over the "check now" that came in meanwhile.
  auto artist = m_store.find(key);
  if (artist && *artist) {
    (*artist)->next_check_ms = 0;
    if (auto saved = m_store.update(**artist, k_watch_schedule); !saved) {
      log::error("cannot schedule the requested check",
                 {{"ARTIST", key}, {"ERROR", saved.error().message}});
    }
  }
}

void WatchScheduler::run() {
  while (true) {
    std::int64_t sleep_ms = k_max_sleep_ms;
    auto artists = m_store.list();
    if (!artists) {
      log::error("cannot read the watchlist", {{"ERROR", artists.error().message}});
    } else if (auto due = next_due(*artists, now_ms())) {
      check(*due);
      sleep_ms = 0;
    } else if (auto wait = until_next_due(*artists, now_ms())) {
      sleep_ms = std::clamp<std::int64_t>(*wait, 1, k_max_sleep_ms);
    }
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(sleep_ms),
                    [this] { return m_stop || m_woken; });
    if (m_stop) {
      return;
    }
    m_woken = false;
  }
}

}  // namespace harmony::harmonyd::watchlist
