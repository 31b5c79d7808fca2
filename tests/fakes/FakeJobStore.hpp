#pragma once

#include <map>
#include <mutex>

#include "hdm/JobStore.hpp"

namespace harmony::fakes {

// JobStore in a map, for unit tests. Thread-safe. Round-trips the details through JSON like a
// real store does, so anything not persisted is lost here too.
class FakeJobStore final : public harmonyd::hdm::JobStore {
 public:
  using Job = harmonyd::hdm::Job;

  Result<std::pair<Job, bool>> insert_unique(Job job) override {
    const std::lock_guard lock(m_mutex);
    for (const auto& [id, existing] : m_jobs) {
      if (existing.dedupe_key == job.dedupe_key) {
        return std::make_pair(existing, false);
      }
    }
    job.id = ++m_next_id;
    m_jobs[job.id] = round_trip(job);
    return std::make_pair(m_jobs[job.id], true);
  }
  Result<Job> get(std::int64_t id) override {
    const std::lock_guard lock(m_mutex);
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end()) {
      return make_error(ErrorKind::not_found, "no download " + std::to_string(id));
    }
    return it->second;
  }
  Result<void> update(const Job& job) override {
    const std::lock_guard lock(m_mutex);
    ++m_updates;
    m_jobs[job.id] = round_trip(job);
    return {};
  }
  Result<std::vector<Job>> unfinished() override {
    const std::lock_guard lock(m_mutex);
    std::vector<Job> out;
    for (const auto& [id, job] : m_jobs) {
      if (!harmonyd::hdm::is_terminal(job.state)) {
        out.push_back(job);
      }
    }
    return out;
  }
  Result<harmonyd::hdm::JobPage> list(std::optional<harmonyd::hdm::JobState> state,
                                      std::size_t limit,
                                      std::optional<std::int64_t> after_id) override {
    const std::lock_guard lock(m_mutex);
    harmonyd::hdm::JobPage page;
    for (const auto& [id, job] : m_jobs) {
      if ((after_id && id <= *after_id) || (state && job.state != *state)) {
        continue;
      }
      if (page.jobs.size() == limit) {
        page.next_cursor = page.jobs.back().id;
        break;
      }
      page.jobs.push_back(job);
    }
    return page;
  }
  int updates() const {
    const std::lock_guard lock(m_mutex);
    return m_updates;
  }

 private:
  static Job round_trip(const Job& job) {
    Job copy;
    copy.id = job.id;
    copy.dedupe_key = job.dedupe_key;
    copy.request = harmonyd::hdm::request_from_json(harmonyd::hdm::request_to_json(job.request));
    copy.state = job.state;
    copy.attempts = job.attempts;
    copy.final_path = job.final_path;
    copy.last_error = job.last_error;
    copy.created_ms = job.created_ms;
    copy.updated_ms = job.updated_ms;
    copy.state_since_ms = job.state_since_ms;
    copy.next_retry_ms = job.next_retry_ms;
    harmonyd::hdm::job_details_from_json(
        nlohmann::json::parse(harmonyd::hdm::job_details_to_json(job).dump()), copy);
    return copy;
  }

  mutable std::mutex m_mutex;
  std::map<std::int64_t, Job> m_jobs;
  std::int64_t m_next_id = 0;
  int m_updates = 0;
};

}  // namespace harmony::fakes
