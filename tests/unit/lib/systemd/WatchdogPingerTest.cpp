#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "systemd/WatchdogPinger.hpp"

namespace harmony::systemd {
namespace {

class CountingNotifier final : public Notifier {
 public:
  void watchdog() noexcept override {
    std::lock_guard lock(m_mutex);
    ++m_pings;
    m_changed.notify_all();
  }
  bool wait_for_pings(int count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return m_pings >= count; });
  }
  int pings() {
    std::lock_guard lock(m_mutex);
    return m_pings;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  int m_pings = 0;
};

TEST(WatchdogPinger, PingsAtHalfTheInterval) {
  CountingNotifier notifier;
  WatchdogPinger pinger(notifier, std::chrono::milliseconds(40));
  EXPECT_TRUE(pinger.active());
  EXPECT_EQ(pinger.period(), std::chrono::milliseconds(20));
  EXPECT_TRUE(notifier.wait_for_pings(3, std::chrono::seconds(5)));
}

TEST(WatchdogPinger, DoesNothingWithoutAnInterval) {
  CountingNotifier notifier;
  {
    WatchdogPinger pinger(notifier, std::nullopt);
    EXPECT_FALSE(pinger.active());
  }
  EXPECT_EQ(notifier.pings(), 0);
}

TEST(WatchdogPinger, WithholdsPingsWhileUnhealthy) {
  CountingNotifier notifier;
  std::atomic<int> checks{0};
  {
    WatchdogPinger pinger(notifier, std::chrono::milliseconds(2), [&] {
      ++checks;
      return false;
    });
    while (checks.load() < 5) {
      std::this_thread::yield();
    }
  }
  EXPECT_EQ(notifier.pings(), 0);
}

}  // namespace
}  // namespace harmony::systemd
