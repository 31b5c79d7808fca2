#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "Supervisor.hpp"

namespace harmony::watchdog {

// Runs one Supervisor on a thread of its own. Log and event streams push from their threads;
// the worker wakes at once for a signal and otherwise when the supervisor's next periodic
// check is due. The queue is bounded: under a flood the oldest lines are dropped (a flood of
// failure lines needs one recovery, not thousands). Stops and joins in the destructor.
class TargetWorker {
 public:
  TargetWorker(Supervisor& supervisor, const Clock& clock);
  ~TargetWorker();
  TargetWorker(const TargetWorker&) = delete;
  TargetWorker& operator=(const TargetWorker&) = delete;

  void push_line(std::string line);
  void push_event(std::string action);
  // True while the loop is alive and not stuck: it went round within `limit`.
  bool alive(std::chrono::milliseconds limit) const;

 private:
  struct Item {
    bool is_event = false;
    std::string text;
    Clock::TimePoint observed;
  };
  void push(Item item);
  void run();

  Supervisor& m_supervisor;
  const Clock& m_clock;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Item> m_queue;
  bool m_stop = false;
  bool m_busy = false;
  Clock::TimePoint m_busy_since{};
  std::thread m_thread;
};

}  // namespace harmony::watchdog
