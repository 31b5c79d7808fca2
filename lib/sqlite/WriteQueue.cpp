#include "sqlite/WriteQueue.hpp"

#include <vector>

namespace harmony::sqlite {

WriteQueue::WriteQueue(Database writer, std::size_t max_batch)
    : m_db(std::move(writer)),
      m_max_batch(max_batch == 0 ? 1 : max_batch),
      m_thread([this] { loop(); }) {}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

std::future<Result<void>> WriteQueue::submit(Job job) {
  Pending pending{std::move(job), {}};
  auto future = pending.done.get_future();
  {
    std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(pending));
  }
  m_wake.notify_one();
  return future;
}

Result<void> WriteQueue::run(Job job) {
  return submit(std::move(job)).get();
}

std::size_t WriteQueue::depth() const {
  std::lock_guard lock(m_mutex);
  return m_queue.size();
}

void WriteQueue::loop() {
  for (;;) {
    std::deque<Pending> batch;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
      // Drains what is queued even when stopping, so no submitted job is dropped.
      if (m_queue.empty()) {
        return;
      }
      while (!m_queue.empty() && batch.size() < m_max_batch) {
        batch.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
      }
    }
    run_batch(batch);
  }
}

void WriteQueue::run_batch(std::deque<Pending>& batch) {
  auto tx = Transaction::begin(m_db);
  if (!tx) {
    for (Pending& pending : batch) {
      pending.done.set_value(tx.error());
    }
    m_failed += batch.size();
    return;
  }
  std::vector<Result<void>> results;
  results.reserve(batch.size());
  for (Pending& pending : batch) {
    Result<void> result = m_db.exec("SAVEPOINT job");
    if (result) {
      try {
        result = pending.job(m_db);
      } catch (const std::exception& e) {
        result = make_error(ErrorKind::internal, std::string("write job threw: ") + e.what());
      }
      (void)m_db.exec(result ? "RELEASE job" : "ROLLBACK TO job; RELEASE job");
    }
    results.push_back(std::move(result));
  }
  auto committed = tx->commit();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Result<void> outcome = committed ? std::move(results[i]) : Result<void>(committed.error());
    (outcome ? m_committed : m_failed) += 1;
    batch[i].done.set_value(std::move(outcome));
  }
}

}  // namespace harmony::sqlite
