#include "store/DeadLetterRepository.hpp"

#include <fmt/format.h>

#include "store/JobRepository.hpp"

namespace harmony::harmonyd::store {

Result<hdm::JobPage> DeadLetterRepository::list(const std::string& reason, std::size_t limit,
                                                std::optional<std::int64_t> after_id) {
  return m_store.read([&](sqlite::Database& db) -> Result<hdm::JobPage> {
    auto stmt = db.prepare(fmt::format(
        "SELECT {} FROM download_jobs WHERE state = 'dead_letter' AND (?1 = '' OR dead_reason = "
        "?1) AND id > ?2 ORDER BY id LIMIT ?3",
        job_columns()));
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, reason)
        .bind(2, after_id.value_or(0))
        .bind(3, static_cast<std::int64_t>(limit + 1));
    return collect_page(*stmt, limit);
  });
}

Result<hdm::DeadLetterStats> DeadLetterRepository::stats(std::int64_t since_ms) {
  return m_store.read([&](sqlite::Database& db) -> Result<hdm::DeadLetterStats> {
    auto stmt = db.prepare(
        "SELECT dead_reason, count(*), sum(state_since_ms >= ?1) FROM download_jobs "
        "WHERE state = 'dead_letter' GROUP BY dead_reason");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, since_ms);
    hdm::DeadLetterStats stats;
    for (const auto reason : hdm::k_dead_letter_reasons) {
      stats.by_reason[std::string(reason)] = 0;
    }
    while (true) {
      auto row = stmt->step();
      if (!row) {
        return std::move(row).error();
      }
      if (!*row) {
        return stats;
      }
      stats.by_reason[stmt->column_text(0)] += stmt->column_int(1);
      stats.total += stmt->column_int(1);
      stats.last_24h += stmt->column_int(2);
    }
  });
}

Result<std::int64_t> DeadLetterRepository::remove(const hdm::DeadLetterPurge& purge,
                                                  std::int64_t now_ms) {
  std::int64_t removed = 0;
  auto done = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    if (purge.older_than) {
      auto stmt = db.prepare(
          "DELETE FROM download_jobs WHERE state = 'dead_letter' AND state_since_ms < ?1");
      if (!stmt) {
        return std::move(stmt).error();
      }
      if (auto ran = stmt->bind(1, now_ms - purge.older_than->count()).run(); !ran) {
        return ran;
      }
      removed += db.changes();
    }
    auto stmt = db.prepare("DELETE FROM download_jobs WHERE state = 'dead_letter' AND id = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    for (const std::int64_t id : purge.ids) {
      stmt->reset();
      if (auto ran = stmt->bind(1, id).run(); !ran) {
        return ran;
      }
      removed += db.changes();
    }
    return {};
  });
  if (!done) {
    return std::move(done).error();
  }
  return removed;
}

}  // namespace harmony::harmonyd::store
