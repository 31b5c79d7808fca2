#include "store/JobRepository.hpp"

#include <fmt/format.h>

#include "hdm/DeadLetter.hpp"
#include "library/MatchKey.hpp"

namespace harmony::harmonyd::store {
namespace {

constexpr const char* k_columns =
    "id, dedupe_key, state, request, details, attempts, last_error, final_path, created_ms, "
    "updated_ms, state_since_ms, next_retry_ms";

Result<hdm::Job> job_from_row(const sqlite::Statement& row) {
  hdm::Job job;
  job.id = row.column_int(0);
  job.dedupe_key = row.column_text(1);
  const auto state = hdm::parse_job_state(row.column_text(2));
  if (!state) {
    return make_error(ErrorKind::internal,
                      fmt::format("download job {} has the unknown state '{}' in the database",
                                  job.id, row.column_text(2)));
  }
  job.state = *state;
  job.request = hdm::request_from_json(nlohmann::json::parse(row.column_text(3), nullptr, false));
  hdm::job_details_from_json(nlohmann::json::parse(row.column_text(4), nullptr, false), job);
  job.attempts = static_cast<int>(row.column_int(5));
  job.last_error = row.column_text(6);
  job.final_path = row.column_text(7);
  job.created_ms = row.column_int(8);
  job.updated_ms = row.column_int(9);
  job.state_since_ms = row.column_int(10);
  job.next_retry_ms = row.column_int(11);
  return job;
}

Result<std::vector<hdm::Job>> collect(sqlite::Statement& stmt) {
  std::vector<hdm::Job> jobs;
  while (true) {
    auto row = stmt.step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return jobs;
    }
    auto job = job_from_row(stmt);
    if (!job) {
      return std::move(job).error();
    }
    jobs.push_back(std::move(*job));
  }
}

Result<std::optional<hdm::Job>> select_one(sqlite::Database& db, const std::string& where,
                                           const std::function<void(sqlite::Statement&)>& bind) {
  auto stmt = db.prepare(fmt::format("SELECT {} FROM download_jobs WHERE {}", k_columns, where));
  if (!stmt) {
    return std::move(stmt).error();
  }
  bind(*stmt);
  auto jobs = collect(*stmt);
  if (!jobs) {
    return std::move(jobs).error();
  }
  if (jobs->empty()) {
    return std::optional<hdm::Job>();
  }
  return std::optional<hdm::Job>(std::move(jobs->front()));
}

}  // namespace

const char* job_columns() noexcept {
  return k_columns;
}

Result<hdm::JobPage> collect_page(sqlite::Statement& stmt, std::size_t limit) {
  auto jobs = collect(stmt);
  if (!jobs) {
    return std::move(jobs).error();
  }
  hdm::JobPage page;
  if (jobs->size() > limit) {
    jobs->resize(limit);
    page.next_cursor = jobs->back().id;
  }
  page.jobs = std::move(*jobs);
  return page;
}

Result<std::pair<hdm::Job, bool>> insert_job(sqlite::Database& db, const hdm::Job& job) {
  auto stmt = db.prepare(
      "INSERT INTO download_jobs(dedupe_key, state, request, details, attempts, last_error, "
      "final_path, created_ms, updated_ms, state_since_ms, next_retry_ms, isrc, match_key, "
      "duration_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
      "ON CONFLICT(dedupe_key) DO NOTHING");
  if (!stmt) {
    return std::move(stmt).error();
  }
  auto ran = stmt->bind(1, job.dedupe_key)
                 .bind(2, hdm::to_string(job.state))
                 .bind(3, hdm::request_to_json(job.request).dump())
                 .bind(4, hdm::job_details_to_json(job).dump())
                 .bind(5, static_cast<std::int64_t>(job.attempts))
                 .bind(6, job.last_error)
                 .bind(7, job.final_path)
                 .bind(8, job.created_ms)
                 .bind(9, job.updated_ms)
                 .bind(10, job.state_since_ms)
                 .bind(11, job.next_retry_ms)
                 .bind(12, library::normalise_isrc(job.request.isrc))
                 .bind(13, library::match_key(job.request.artist, job.request.title))
                 .bind(14, job.request.duration_ms.value_or(0))
                 .run();
  if (!ran) {
    return std::move(ran).error();
  }
  const bool created = db.changes() > 0;
  auto found =
      select_one(db, "dedupe_key = ?1", [&](sqlite::Statement& s) { s.bind(1, job.dedupe_key); });
  if (!found) {
    return std::move(found).error();
  }
  if (!*found) {
    return make_error(ErrorKind::internal, "a download job vanished right after its insert");
  }
  return std::make_pair(std::move(**found), created);
}

Result<std::optional<std::int64_t>> find_same_recording(sqlite::Database& db,
                                                        const hdm::TrackRequest& request) {
  const std::string isrc = library::normalise_isrc(request.isrc);
  const auto tolerance = library::k_duration_tolerance.count();
  // A job without a known duration matches on artist and title alone (and so does a
  // request without one), like the library rule.
  auto stmt = db.prepare(
      "SELECT id FROM download_jobs WHERE (?1 <> '' AND (isrc = ?1 OR dedupe_key = 'isrc:' || ?1))"
      " OR (match_key = ?2 AND (?3 = 0 OR duration_ms = 0 OR duration_ms BETWEEN ?3 - ?4 AND "
      "?3 + ?4)) ORDER BY id LIMIT 1");
  if (!stmt) {
    return std::move(stmt).error();
  }
  stmt->bind(1, isrc)
      .bind(2, library::match_key(request.artist, request.title))
      .bind(3, request.duration_ms.value_or(0))
      .bind(4, static_cast<std::int64_t>(tolerance));
  auto row = stmt->step();
  if (!row) {
    return std::move(row).error();
  }
  return *row ? std::optional<std::int64_t>(stmt->column_int(0)) : std::nullopt;
}

Result<std::pair<std::int64_t, bool>> queue_unless_same_recording(sqlite::Database& db,
                                                                  const hdm::TrackRequest& request,
                                                                  std::int64_t now_ms) {
  auto existing = find_same_recording(db, request);
  if (!existing) {
    return std::move(existing).error();
  }
  if (*existing) {
    return std::make_pair(**existing, false);
  }
  hdm::Job job;
  job.dedupe_key = hdm::dedupe_key(request);
  job.request = request;
  job.state = hdm::JobState::requested;
  job.created_ms = job.updated_ms = job.state_since_ms = now_ms;
  auto inserted = insert_job(db, job);
  if (!inserted) {
    return std::move(inserted).error();
  }
  return std::make_pair(inserted->first.id, inserted->second);
}

Result<std::pair<hdm::Job, bool>> JobRepository::insert_unique(hdm::Job job) {
  std::optional<std::pair<hdm::Job, bool>> stored;
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto inserted = insert_job(db, job);
    if (!inserted) {
      return std::move(inserted).error();
    }
    stored = std::move(*inserted);
    return {};
  });
  if (!written) {
    return std::move(written).error();
  }
  return std::move(*stored);
}

Result<hdm::Job> JobRepository::get(std::int64_t id) {
  auto found = m_store.read([&](sqlite::Database& db) {
    return select_one(db, "id = ?1", [&](sqlite::Statement& s) { s.bind(1, id); });
  });
  if (!found) {
    return std::move(found).error();
  }
  if (!*found) {
    return make_error(ErrorKind::not_found, fmt::format("there is no download {}", id));
  }
  return std::move(**found);
}

Result<void> JobRepository::update(const hdm::Job& job) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare(
        "UPDATE download_jobs SET state = ?2, details = ?3, attempts = ?4, last_error = ?5, "
        "final_path = ?6, updated_ms = ?7, state_since_ms = ?8, next_retry_ms = ?9, "
        "dead_reason = ?10 WHERE id = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    return stmt->bind(1, job.id)
        .bind(2, hdm::to_string(job.state))
        .bind(3, hdm::job_details_to_json(job).dump())
        .bind(4, static_cast<std::int64_t>(job.attempts))
        .bind(5, job.last_error.substr(0, 2000))
        .bind(6, job.final_path)
        .bind(7, job.updated_ms)
        .bind(8, job.state_since_ms)
        .bind(9, job.next_retry_ms)
        .bind(10, job.state == hdm::JobState::dead_letter ? hdm::dead_letter_reason(job)
                                                          : std::string_view())
        .run();
  });
}

Result<std::vector<hdm::Job>> JobRepository::unfinished() {
  return m_store.read([&](sqlite::Database& db) -> Result<std::vector<hdm::Job>> {
    auto stmt = db.prepare(fmt::format(
        "SELECT {} FROM download_jobs WHERE state NOT IN ('done', 'dead_letter', 'cancelled') "
        "ORDER BY id",
        k_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    return collect(*stmt);
  });
}

Result<hdm::JobPage> JobRepository::list(std::optional<hdm::JobState> state, std::size_t limit,
                                         std::optional<std::int64_t> after_id) {
  return m_store.read([&](sqlite::Database& db) -> Result<hdm::JobPage> {
    auto stmt = db.prepare(fmt::format(
        "SELECT {} FROM download_jobs WHERE (?1 = '' OR state = ?1) AND id > ?2 ORDER BY id "
        "LIMIT ?3",
        k_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, state ? hdm::to_string(*state) : std::string_view())
        .bind(2, after_id.value_or(0))
        .bind(3, static_cast<std::int64_t>(limit + 1));
    return collect_page(*stmt, limit);
  });
}

Result<std::vector<hdm::Job>> JobRepository::recent(std::size_t limit) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::vector<hdm::Job>> {
    auto stmt = db.prepare(fmt::format(
        "SELECT {} FROM download_jobs ORDER BY updated_ms DESC, id DESC LIMIT ?1", k_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, static_cast<std::int64_t>(limit));
    return collect(*stmt);
  });
}

Result<std::int64_t> JobRepository::remove_in_state(hdm::JobState state) {
  std::int64_t removed = 0;
  auto done = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare("DELETE FROM download_jobs WHERE state = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    auto ran = stmt->bind(1, hdm::to_string(state)).run();
    removed = db.changes();
    return ran;
  });
  if (!done) {
    return std::move(done).error();
  }
  return removed;
}

Result<std::map<std::string, std::int64_t>> JobRepository::count_by_state() {
  return m_store.read([&](sqlite::Database& db) -> Result<std::map<std::string, std::int64_t>> {
    auto stmt = db.prepare("SELECT state, count(*) FROM download_jobs GROUP BY state");
    if (!stmt) {
      return std::move(stmt).error();
    }
    std::map<std::string, std::int64_t> counts;
    while (true) {
      auto row = stmt->step();
      if (!row) {
        return std::move(row).error();
      }
      if (!*row) {
        return counts;
      }
      counts[stmt->column_text(0)] = stmt->column_int(1);
    }
  });
}

}  // namespace harmony::harmonyd::store
