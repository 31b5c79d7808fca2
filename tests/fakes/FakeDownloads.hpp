#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

#include "api/Downloads.hpp"

namespace harmony::fakes {

// api::Downloads over a map, for route tests: submit dedupes like the engine (same key → the
// existing job), retry/cancel follow the engine's state rules, and `failure` makes every call
// fail with that error (slskd down, store broken).
class FakeDownloads final : public harmonyd::api::Downloads {
 public:
  using Job = harmonyd::hdm::Job;
  using JobState = harmonyd::hdm::JobState;

  Result<std::pair<Job, harmonyd::hdm::SubmitOutcome>> submit(
      harmonyd::hdm::TrackRequest request) override {
    const std::lock_guard lock(m_mutex);
    if (failure) {
      return *failure;
    }
    const std::string key = harmonyd::hdm::dedupe_key(request);
    for (const auto& [id, job] : jobs) {
      if (job.dedupe_key == key) {
        return std::make_pair(job, harmonyd::hdm::SubmitOutcome::existing);
      }
    }
    Job job;
    job.id = static_cast<std::int64_t>(jobs.size()) + 1;
    job.dedupe_key = key;
    job.request = std::move(request);
    jobs[job.id] = job;
    return std::make_pair(job, harmonyd::hdm::SubmitOutcome::created);
  }
  Result<Job> find(std::int64_t id) override {
    const std::lock_guard lock(m_mutex);
    return lookup(id);
  }
  Result<harmonyd::hdm::JobPage> list(std::optional<JobState> state, std::size_t limit,
                                      std::optional<std::int64_t> after_id) override {
    const std::lock_guard lock(m_mutex);
    if (failure) {
      return *failure;
    }
    harmonyd::hdm::JobPage page;
    for (auto it = jobs.upper_bound(after_id.value_or(0)); it != jobs.end(); ++it) {
      if (state && it->second.state != *state) {
        continue;
      }
      if (page.jobs.size() == limit) {
        page.next_cursor = page.jobs.back().id;
        break;
      }
      page.jobs.push_back(it->second);
    }
    return page;
  }
  Result<Job> retry(std::int64_t id) override {
    const std::lock_guard lock(m_mutex);
    auto job = lookup(id);
    if (job && job->state != JobState::failed && job->state != JobState::dead_letter &&
        job->state != JobState::cancelled) {
      return make_error(ErrorKind::invalid, "only failed, dead_letter or cancelled downloads");
    }
    if (job) {
      job->state = jobs[id].state = JobState::searching;
    }
    return job;
  }
  Result<Job> cancel(std::int64_t id) override {
    const std::lock_guard lock(m_mutex);
    auto job = lookup(id);
    if (job && harmonyd::hdm::is_terminal(job->state)) {
      return make_error(ErrorKind::invalid, "already finished");
    }
    if (job) {
      job->state = jobs[id].state = JobState::cancelled;
    }
    return job;
  }

  Result<std::map<std::string, std::int64_t>> counts() override {
    const std::lock_guard lock(m_mutex);
    if (failure) {
      return *failure;
    }
    // By enum first: a string key per job made this stand-in, not the page, the dashboard's
    // main cost in the UI render benchmark.
    std::map<JobState, std::int64_t> by_state;
    for (const auto& [id, job] : jobs) {
      ++by_state[job.state];
    }
    std::map<std::string, std::int64_t> counts;
    for (const auto& [state, count] : by_state) {
      counts.emplace(harmonyd::hdm::to_string(state), count);
    }
    return counts;
  }
  Result<std::vector<Job>> recent(std::size_t limit) override {
    const std::lock_guard lock(m_mutex);
    if (failure) {
      return *failure;
    }
    std::vector<Job> newest;
    for (auto it = jobs.rbegin(); it != jobs.rend() && newest.size() < limit; ++it) {
      newest.push_back(it->second);
    }
    return newest;
  }
  Result<std::int64_t> purge_dead_letters() override {
    const std::lock_guard lock(m_mutex);
    if (failure) {
      return *failure;
    }
    return static_cast<std::int64_t>(std::erase_if(
        jobs, [](const auto& entry) { return entry.second.state == JobState::dead_letter; }));
  }

  Result<harmonyd::hdm::JobPage> dead_letters(const std::string& reason, std::size_t limit,
                                              std::optional<std::int64_t> after_id) override {
    auto page = list(JobState::dead_letter, 100'000, after_id);
    if (!page) {
      return page;
    }
    std::erase_if(page->jobs, [&](const Job& job) {
      return !reason.empty() && harmonyd::hdm::dead_letter_reason(job) != reason;
    });
    page->next_cursor.reset();
    if (page->jobs.size() > limit) {
      page->jobs.resize(limit);
      page->next_cursor = page->jobs.back().id;
    }
    return page;
  }
  Result<harmonyd::hdm::DeadLetterStats> dead_letter_stats() override {
    auto page = dead_letters("", 100'000, std::nullopt);
    if (!page) {
      return std::move(page).error();
    }
    harmonyd::hdm::DeadLetterStats stats;
    for (const auto reason : harmonyd::hdm::k_dead_letter_reasons) {
      stats.by_reason[std::string(reason)] = 0;
    }
    for (const auto& job : page->jobs) {
      ++stats.by_reason[std::string(harmonyd::hdm::dead_letter_reason(job))];
      ++stats.total;
      stats.last_24h += job.state_since_ms >= dead_since_ms ? 1 : 0;
    }
    return stats;
  }
  // `older_than` removes dead letters whose state_since_ms is before now_ms - older_than.
  Result<std::int64_t> purge_dead_letters(const harmonyd::hdm::DeadLetterPurge& purge) override {
    const std::lock_guard lock(m_mutex);
    if (failure) {
      return *failure;
    }
    return static_cast<std::int64_t>(std::erase_if(jobs, [&](const auto& entry) {
      const Job& job = entry.second;
      return job.state == JobState::dead_letter &&
             (std::find(purge.ids.begin(), purge.ids.end(), job.id) != purge.ids.end() ||
              (purge.older_than && job.state_since_ms < now_ms - purge.older_than->count()));
    }));
  }

  std::map<std::int64_t, Job> jobs;
  std::optional<Error> failure;
  std::int64_t now_ms = 0;         // the wall clock purge's older_than counts back from
  std::int64_t dead_since_ms = 0;  // the start of dead_letter_stats' last_24h window

 private:
  Result<Job> lookup(std::int64_t id) {
    if (failure) {
      return *failure;
    }
    const auto it = jobs.find(id);
    if (it == jobs.end()) {
      return make_error(ErrorKind::not_found, "no download with that id");
    }
    return it->second;
  }

  std::mutex m_mutex;
};

}  // namespace harmony::fakes
