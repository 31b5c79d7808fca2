#pragma once

#include "hdm/JobStore.hpp"

namespace harmony::harmonyd::watchlist {

// Told once when a download job ends: done or dead_letter (the engine gave up on it).
class JobOutcomeObserver {
 public:
  virtual ~JobOutcomeObserver() = default;
  virtual void ended(const hdm::Job& job) = 0;
};

// The download manager's JobStore with an observer told about every job that reaches done or
// dead_letter: a decorator, so the download domain does not know the watchlist listens. Only a
// change of state reports (the stored state is read first, and only for those two states), so
// a job saved twice in the same end state reports once.
class ReportingJobStore final : public hdm::JobStore {
 public:
  ReportingJobStore(hdm::JobStore& inner, JobOutcomeObserver& observer)
      : m_inner(inner), m_observer(observer) {}

  Result<std::pair<hdm::Job, bool>> insert_unique(hdm::Job job) override {
    return m_inner.insert_unique(std::move(job));
  }
  Result<hdm::Job> get(std::int64_t id) override { return m_inner.get(id); }
  Result<void> update(const hdm::Job& job) override {
    if (job.state != hdm::JobState::done && job.state != hdm::JobState::dead_letter) {
      return m_inner.update(job);
    }
    auto before = m_inner.get(job.id);
    auto saved = m_inner.update(job);
    if (saved && before && before->state != job.state) {
      m_observer.ended(job);
    }
    return saved;
  }
  Result<std::vector<hdm::Job>> unfinished() override { return m_inner.unfinished(); }
  Result<hdm::JobPage> list(std::optional<hdm::JobState> state, std::size_t limit,
                            std::optional<std::int64_t> after_id) override {
    return m_inner.list(state, limit, after_id);
  }

 private:
  hdm::JobStore& m_inner;
  JobOutcomeObserver& m_observer;
};

}  // namespace harmony::harmonyd::watchlist
