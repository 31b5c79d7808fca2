#include "store/SessionRepository.hpp"

namespace harmony::harmonyd::store {

Result<void> SessionRepository::insert(const ui::Session& session) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare(
        "INSERT INTO ui_sessions (token, csrf, authenticated, created_ms, last_seen_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt) {
      return std::move(stmt).error();
    }
    return stmt->bind(1, session.token)
        .bind(2, session.csrf)
        .bind(3, static_cast<std::int64_t>(session.authenticated ? 1 : 0))
        .bind(4, session.created_ms)
        .bind(5, session.last_seen_ms)
        .run();
  });
}

Result<std::optional<ui::Session>> SessionRepository::find(const std::string& token) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::optional<ui::Session>> {
    auto stmt = db.prepare(
        "SELECT token, csrf, authenticated, created_ms, last_seen_ms FROM ui_sessions "
        "WHERE token = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, token);
    auto row = stmt->step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return std::optional<ui::Session>();
    }
    return std::optional<ui::Session>(ui::Session{stmt->column_text(0), stmt->column_text(1),
                                                  stmt->column_int(2) != 0, stmt->column_int(3),
                                                  stmt->column_int(4)});
  });
}

Result<void> SessionRepository::touch(const std::string& token, std::int64_t last_seen_ms) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare("UPDATE ui_sessions SET last_seen_ms = ?2 WHERE token = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    return stmt->bind(1, token).bind(2, last_seen_ms).run();
  });
}

Result<void> SessionRepository::remove(const std::string& token) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare("DELETE FROM ui_sessions WHERE token = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    return stmt->bind(1, token).run();
  });
}

Result<std::int64_t> SessionRepository::remove_idle(std::int64_t cutoff_ms) {
  std::int64_t removed = 0;
  auto done = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare("DELETE FROM ui_sessions WHERE last_seen_ms < ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    auto ran = stmt->bind(1, cutoff_ms).run();
    removed = db.changes();
    return ran;
  });
  if (!done) {
    return std::move(done).error();
  }
  return removed;
}

}  // namespace harmony::harmonyd::store
