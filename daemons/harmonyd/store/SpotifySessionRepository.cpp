#include "store/SpotifySessionRepository.hpp"

#include <chrono>

namespace harmony::harmonyd::store {
namespace {

// Settled logins are kept a day for /oauth/status, then dropped.
constexpr std::int64_t k_keep_settled_ms = 24LL * 3600 * 1000;

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Runs one statement built by `bind` on `db`.
template <typename Bind>
Result<void> run(sqlite::Database& db, const std::string& sql, Bind bind) {
  auto stmt = db.prepare(sql);
  if (!stmt) {
    return std::move(stmt).error();
  }
  bind(*stmt);
  return stmt->run();
}

}  // namespace

Result<void> SpotifySessionRepository::add_transaction(const spotify::OAuthTransaction& t,
                                                       std::size_t max_pending) {
  return m_store.write_sync([&t, max_pending](sqlite::Database& db) -> Result<void> {
    auto inserted = run(db,
                        "INSERT INTO oauth_transactions(state, verifier, redirect_uri, status, "
                        "created_ms, expires_ms) VALUES(?1, ?2, ?3, 'pending', ?4, ?5)",
                        [&t](sqlite::Statement& s) {
                          s.bind(1, t.state)
                              .bind(2, t.verifier.reveal())
                              .bind(3, t.redirect_uri)
                              .bind(4, t.created_ms)
                              .bind(5, t.expires_ms);
                        });
    if (!inserted) {
      return inserted;
    }
    auto dropped = run(
        db,
        "DELETE FROM oauth_transactions WHERE status = 'pending' AND state NOT IN "
        "(SELECT state FROM oauth_transactions WHERE status = 'pending' "
        "ORDER BY created_ms DESC, rowid DESC LIMIT ?1)",
        [max_pending](sqlite::Statement& s) { s.bind(1, static_cast<std::int64_t>(max_pending)); });
    if (!dropped) {
      return dropped;
    }
    return run(db, "DELETE FROM oauth_transactions WHERE status != 'pending' AND created_ms < ?1",
               [&t](sqlite::Statement& s) { s.bind(1, t.created_ms - k_keep_settled_ms); });
  });
}

Result<std::optional<spotify::OAuthTransaction>> SpotifySessionRepository::find_transaction(
    const std::string& state) {
  return m_store.read(
      [&state](sqlite::Database& db) -> Result<std::optional<spotify::OAuthTransaction>> {
        auto stmt = db.prepare(
            "SELECT state, verifier, redirect_uri, status, created_ms, expires_ms, "
            "completed_ms, error_code, message FROM oauth_transactions WHERE state = ?1");
        if (!stmt) {
          return std::move(stmt).error();
        }
        auto row = stmt->bind(1, state).step();
        if (!row) {
          return std::move(row).error();
        }
        if (!*row) {
          return std::optional<spotify::OAuthTransaction>();
        }
        spotify::OAuthTransaction t;
        t.state = stmt->column_text(0);
        t.verifier = log::Secret(stmt->column_text(1));
        t.redirect_uri = stmt->column_text(2);
        t.status = stmt->column_text(3);
        t.created_ms = stmt->column_int(4);
        t.expires_ms = stmt->column_int(5);
        t.completed_ms = stmt->column_int(6);
        t.error_code = stmt->column_text(7);
        t.message = stmt->column_text(8);
        return std::optional<spotify::OAuthTransaction>(std::move(t));
      });
}

Result<bool> SpotifySessionRepository::claim_transaction(const std::string& state) {
  bool claimed = false;
  auto written = m_store.write_sync([&state, &claimed](sqlite::Database& db) -> Result<void> {
    auto done = run(db,
                    "UPDATE oauth_transactions SET status = 'exchanging' "
                    "WHERE state = ?1 AND status = 'pending'",
                    [&state](sqlite::Statement& s) { s.bind(1, state); });
    claimed = done && db.changes() == 1;
    return done;
  });
  if (!written) {
    return std::move(written).error();
  }
  return claimed;
}

Result<void> SpotifySessionRepository::finish_transaction(const std::string& state,
                                                          std::string_view status,
                                                          std::string_view error_code,
                                                          const std::string& message,
                                                          std::int64_t at_ms) {
  return m_store.write_sync([&](sqlite::Database& db) {
    return run(
        db,
        "UPDATE oauth_transactions SET status = ?2, error_code = ?3, message = ?4, "
        "completed_ms = ?5 WHERE state = ?1",
        [&](sqlite::Statement& s) {
          s.bind(1, state).bind(2, status).bind(3, error_code).bind(4, message).bind(5, at_ms);
        });
  });
}

Result<std::optional<spotify::StoredSession>> SpotifySessionRepository::load_session() {
  return m_store.read([](sqlite::Database& db) -> Result<std::optional<spotify::StoredSession>> {
    auto stmt = db.prepare(
        "SELECT access_token, refresh_token, scope, expires_ms, obtained_ms, user_id, user_name "
        "FROM spotify_session WHERE id = 1 AND refresh_token != ''");
    if (!stmt) {
      return std::move(stmt).error();
    }
    auto row = stmt->step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return std::optional<spotify::StoredSession>();
    }
    spotify::StoredSession session{log::Secret(stmt->column_text(0)),
                                   log::Secret(stmt->column_text(1)),
                                   stmt->column_text(2),
                                   stmt->column_int(3),
                                   stmt->column_int(4),
                                   stmt->column_text(5),
                                   stmt->column_text(6)};
    return std::optional<spotify::StoredSession>(std::move(session));
  });
}

Result<void> SpotifySessionRepository::save_session(const spotify::StoredSession& session) {
  const std::int64_t now = wall_ms();
  return m_store.write_sync([&session, now](sqlite::Database& db) {
    return run(db,
               "INSERT INTO spotify_session(id, access_token, refresh_token, scope, expires_ms, "
               "obtained_ms, user_id, user_name, reason, updated_ms) "
               "VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, '', ?8) ON CONFLICT(id) DO UPDATE SET "
               "access_token = excluded.access_token, refresh_token = excluded.refresh_token, "
               "scope = excluded.scope, expires_ms = excluded.expires_ms, "
               "obtained_ms = excluded.obtained_ms, user_id = excluded.user_id, "
               "user_name = excluded.user_name, reason = '', updated_ms = excluded.updated_ms",
               [&session, now](sqlite::Statement& s) {
                 s.bind(1, session.access_token.reveal())
                     .bind(2, session.refresh_token.reveal())
                     .bind(3, session.scope)
                     .bind(4, session.expires_ms)
                     .bind(5, session.obtained_ms)
                     .bind(6, session.user_id)
                     .bind(7, session.user_name)
                     .bind(8, now);
               });
  });
}

Result<void> SpotifySessionRepository::clear_session(const std::string& reason) {
  const std::int64_t now = wall_ms();
  return m_store.write_sync([&reason, now](sqlite::Database& db) {
    return run(db,
               "INSERT INTO spotify_session(id, reason, updated_ms) VALUES(1, ?1, ?2) "
               "ON CONFLICT(id) DO UPDATE SET access_token = '', refresh_token = '', scope = '', "
               "expires_ms = 0, obtained_ms = 0, user_id = '', user_name = '', "
               "reason = excluded.reason, updated_ms = excluded.updated_ms",
               [&reason, now](sqlite::Statement& s) { s.bind(1, reason).bind(2, now); });
  });
}

Result<std::string> SpotifySessionRepository::last_reason() {
  return m_store.read([](sqlite::Database& db) {
    return db.query_text("SELECT reason FROM spotify_session WHERE id = 1");
  });
}

}  // namespace harmony::harmonyd::store
