#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace harmony::http {

// The server's connection workers. Each open connection holds a worker for as long as the
// client keeps it (a slow client dribbling its request holds one too), so the pool starts with
// `min_threads` and grows up to `max_threads` when every worker is busy: slow clients then cost
// a thread each instead of stalling everyone else. Past that, at most `max_threads` accepted
// connections wait in the queue and enqueue() blocks the accept loop, so further clients wait
// in the kernel's bounded listen backlog instead of in memory. Thread-safe.
class WorkerPool {
 public:
  WorkerPool(std::size_t min_threads, std::size_t max_threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> job);
  // Runs the queued jobs, then joins every worker. Later enqueue() calls are dropped.
  void shutdown();

  std::size_t threads() const;
  std::size_t busy() const;

 private:
  void work();

  const std::size_t m_min;
  const std::size_t m_max;
  mutable std::mutex m_mutex;
  std::condition_variable m_has_job;
  std::condition_variable m_has_room;
  std::deque<std::function<void()>> m_jobs;
  std::vector<std::thread> m_threads;
  std::size_t m_idle = 0;
  bool m_stopping = false;
};

}  // namespace harmony::http
