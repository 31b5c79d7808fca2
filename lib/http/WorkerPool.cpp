#include "http/WorkerPool.hpp"

#include <algorithm>

namespace harmony::http {

WorkerPool::WorkerPool(std::size_t min_threads, std::size_t max_threads)
    : m_min(std::max<std::size_t>(1, min_threads)), m_max(std::max(m_min, max_threads)) {
  const std::lock_guard lock(m_mutex);
  for (std::size_t i = 0; i < m_min; ++i) {
    m_threads.emplace_back([this] { work(); });
  }
}

WorkerPool::~WorkerPool() {
  shutdown();
}

void WorkerPool::enqueue(std::function<void()> job) {
  std::unique_lock lock(m_mutex);
  // Backpressure instead of an unbounded queue: the accept loop waits here.
  m_has_room.wait(lock, [this] {
    return m_stopping || m_idle > m_jobs.size() || m_threads.size() < m_max ||
           m_jobs.size() < m_max;
  });
  if (m_stopping) {
    return;
  }
  m_jobs.push_back(std::move(job));
  if (m_idle < m_jobs.size() && m_threads.size() < m_max) {
    m_threads.emplace_back([this] { work(); });
  }
  m_has_job.notify_one();
}

void WorkerPool::shutdown() {
  std::vector<std::thread> threads;
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
    threads.swap(m_threads);
  }
  m_has_job.notify_all();
  m_has_room.notify_all();
  for (std::thread& thread : threads) {
    if (thread.joinable()) {
      thread.join();
    }
  }
}

std::size_t WorkerPool::threads() const {
  const std::lock_guard lock(m_mutex);
  return m_threads.size();
}

std::size_t WorkerPool::busy() const {
  const std::lock_guard lock(m_mutex);
  return m_threads.size() > m_idle ? m_threads.size() - m_idle : 0;
}

void WorkerPool::work() {
  std::unique_lock lock(m_mutex);
  while (true) {
    ++m_idle;
    m_has_job.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
    --m_idle;
    if (m_jobs.empty()) {
      return;  // stopping, and nothing left to run
    }
    std::function<void()> job = std::move(m_jobs.front());
    m_jobs.pop_front();
    m_has_room.notify_one();
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace harmony::http
