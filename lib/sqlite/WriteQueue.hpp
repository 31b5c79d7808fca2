#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "core/Result.hpp"
#include "sqlite/Database.hpp"

namespace harmony::sqlite {

// The daemon's only write path: one thread owns the one read-write connection and runs every
// write job in turn, so writers never contend for SQLite's lock and "database is locked" cannot
// come from our own concurrency. Jobs that arrive together are group-committed: one
// BEGIN IMMEDIATE … COMMIT around them, each job inside its own SAVEPOINT so a failing job
// rolls back alone. Thread-safe; jobs must not call back into the queue.
class WriteQueue {
 public:
  using Job = std::function<Result<void>(Database&)>;

  explicit WriteQueue(Database writer, std::size_t max_batch = 256);
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Queues `job`; the future completes after the transaction holding it committed.
  std::future<Result<void>> submit(Job job);
  // submit() and wait.
  Result<void> run(Job job);

  std::size_t depth() const;
  std::uint64_t committed_jobs() const noexcept { return m_committed.load(); }
  std::uint64_t failed_jobs() const noexcept { return m_failed.load(); }

 private:
  struct Pending {
    Job job;
    std::promise<Result<void>> done;
  };
  void loop();
  void run_batch(std::deque<Pending>& batch);

  Database m_db;
  std::size_t m_max_batch;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Pending> m_queue;
  bool m_stop = false;
  std::atomic<std::uint64_t> m_committed{0};
  std::atomic<std::uint64_t> m_failed{0};
  std::thread m_thread;
};

}  // namespace harmony::sqlite
