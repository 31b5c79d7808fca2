#pragma once

#include <deque>
#include <optional>

#include "Settings.hpp"
#include "core/Clock.hpp"

namespace harmony::watchdog {

// What the policy says about one detection.
enum class Verdict {
  act,         // recover now
  grace,       // the target started less than `grace` ago: ignored
  debouncing,  // fewer than debounce.count detections within debounce.window so far
  cooldown,    // too soon after the last recovery: due at Decision::due
  gave_up,     // the give-up limit was reached: the watchdog no longer acts for this target
};

struct Decision {
  Verdict verdict = Verdict::act;
  Clock::TimePoint due{};  // for cooldown: when a recovery becomes allowed
};

std::string_view to_string(Verdict verdict) noexcept;

// The decision rules for one target, free of I/O and threads (time comes in as arguments, so
// tests drive it with a FakeClock). Not thread-safe; the target's supervisor owns it.
//   - grace: detections within `grace` of a start are ignored (the app is still coming up).
//   - debounce: act on the N-th detection within the window; the count restarts after acting.
//   - cooldown: after a recovery, the next waits `cooldown`; it doubles after each failed
//     recovery up to the cap, and returns to `initial` once the target has been trouble-free
//     for `reset_after` since the last successful recovery.
//   - give-up: once `restarts` recoveries happened within `within`, or `restarts` recoveries in
//     a row failed, the next request gives up for good (until the watchdog restarts).
class Policy {
 public:
  explicit Policy(PolicySettings settings);

  void on_started(Clock::TimePoint now);
  Decision on_detection(Clock::TimePoint now);
  // A deferred recovery (after a failed one, or one held back by the cooldown) is due: the
  // same rules minus grace and debounce, which the first detection already passed.
  Decision on_retry(Clock::TimePoint now);
  void on_recovery_started(Clock::TimePoint now);
  void on_recovery_finished(bool healthy, Clock::TimePoint now);

  bool gave_up() const noexcept { return m_gave_up; }
  std::chrono::milliseconds cooldown() const noexcept;
  int consecutive_failures() const noexcept { return m_failures; }
  int recoveries_in_window(Clock::TimePoint now);

 private:
  Decision gate(Clock::TimePoint now);
  void maybe_reset_cooldown(Clock::TimePoint now);

  PolicySettings m_settings;
  std::optional<Clock::TimePoint> m_started;
  std::optional<Clock::TimePoint> m_last_recovery_end;
  bool m_last_recovery_ok = false;
  int m_failures = 0;
  bool m_gave_up = false;
  std::deque<Clock::TimePoint> m_detections;
  std::deque<Clock::TimePoint> m_recoveries;
};

}  // namespace harmony::watchdog
