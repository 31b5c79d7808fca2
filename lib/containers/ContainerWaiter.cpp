#include "containers/ContainerWaiter.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace harmony::containers {
namespace {

using Clock = std::chrono::steady_clock;

// Wakes the waiting thread when the event stream reports anything.
class Wakeup {
 public:
  void poke() {
    {
      std::lock_guard lock(m_mutex);
      m_pending = true;
    }
    m_cv.notify_one();
  }
  void wait_until(Clock::time_point when) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_until(lock, when, [this] { return m_pending; });
    m_pending = false;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_pending = false;
};

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

ContainerWaiter::ContainerWaiter(ContainerRuntime& runtime, ReadinessCheck& check,
                                 WaitOptions options)
    : m_runtime(runtime), m_check(check), m_options(options) {}

Result<WaitOutcome> ContainerWaiter::run() {
  const auto start = Clock::now();
  const auto deadline = start + m_options.timeout;
  const auto interval = std::max(m_options.interval, std::chrono::milliseconds(1));
  Wakeup wakeup;
  auto subscription = m_runtime.watch(
      m_check.name(), EventHandlers{[&wakeup](const ContainerEvent&) { wakeup.poke(); },
                                    [&wakeup](bool, const std::string&) { wakeup.poke(); }});
  // A flag beside a plain time_point, not std::optional: g++ 12 at -O3 reports the optional's
  // payload as maybe-uninitialized (a false positive that -Werror turns into a failed build).
  bool holding = false;
  Clock::time_point holding_since{};
  WaitOutcome outcome;
  for (;;) {
    auto verdict = m_check.probe();
    if (!verdict) {
      return std::move(verdict).error();
    }
    const auto now = Clock::now();
    outcome.last_seen = verdict->seen;
    outcome.waited = since(start);
    Clock::time_point next = now + interval;
    if (verdict->reached) {
      if (!holding) {
        holding = true;
        holding_since = now;
      }
      if (now - holding_since >= m_options.stable) {
        outcome.reached = true;
        return outcome;
      }
      next = std::min(next, holding_since + m_options.stable);
    } else {
      holding = false;
    }
    if (now >= deadline) {
      return outcome;
    }
    wakeup.wait_until(std::min(next, deadline));
  }
}

}  // namespace harmony::containers
