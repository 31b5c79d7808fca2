#include "TargetWorker.hpp"

namespace harmony::watchdog {
namespace {

constexpr std::size_t k_max_queued = 4096;

}  // namespace

TargetWorker::TargetWorker(Supervisor& supervisor, const Clock& clock)
    : m_supervisor(supervisor), m_clock(clock), m_thread([this] { run(); }) {}

TargetWorker::~TargetWorker() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void TargetWorker::push(Item item) {
  {
    std::lock_guard lock(m_mutex);
    if (m_queue.size() >= k_max_queued) {
      m_queue.pop_front();
    }
    m_queue.push_back(std::move(item));
  }
  m_wake.notify_one();
}

void TargetWorker::push_line(std::string line) {
  push(Item{false, std::move(line), m_clock.now()});
}

void TargetWorker::push_event(std::string action) {
  push(Item{true, std::move(action), m_clock.now()});
}

bool TargetWorker::alive(std::chrono::milliseconds limit) const {
  std::lock_guard lock(m_mutex);
  // A recovery may legitimately block for its timeouts; `limit` must cover them.
  return !m_busy || m_clock.now() - m_busy_since < limit;
}

void TargetWorker::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stop) {
    if (m_queue.empty()) {
      // Clock::TimePoint is steady_clock's, so the real wait and the supervisor agree.
      m_wake.wait_until(lock, m_supervisor.next_due(),
                        [this] { return m_stop || !m_queue.empty(); });
    }
    if (m_stop) {
      break;
    }
    std::deque<Item> items;
    items.swap(m_queue);
    m_busy = true;
    m_busy_since = m_clock.now();
    lock.unlock();
    for (const Item& item : items) {
      if (item.is_event) {
        m_supervisor.on_event(item.text, item.observed);
      } else {
        m_supervisor.on_log_line(item.text, item.observed);
      }
    }
    m_supervisor.on_tick(m_clock.now());
    lock.lock();
    m_busy = false;
  }
}

}  // namespace harmony::watchdog
