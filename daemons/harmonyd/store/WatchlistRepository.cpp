#include "store/WatchlistRepository.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/WatchlistRows.hpp"

// WatchlistRepository, part one: watched artists and the activity feed (releases and their
// tracks are in WatchlistReleases.cpp).
namespace harmony::harmonyd::store {
namespace {

using watchlist_rows::each_row;
using watchlist_rows::run_sql;

using watchlist::WatchedArtist;

constexpr const char* k_artist_columns =
    "key, spotify_id, name, priority, monitor, release_types, paused, pause_reason, "
    "resume_at_ms, totals, added_ms, last_checked_ms, last_full_scan_ms, next_check_ms, "
    "failures, last_result, last_error";

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) {
    text += text.empty() ? part : "," + part;
  }
  return text;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const auto comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return parts;
}

WatchedArtist artist_from_row(const sqlite::Statement& row) {
  WatchedArtist a;
  a.key = row.column_text(0);
  a.spotify_id = row.column_text(1);
  a.name = row.column_text(2);
  a.priority = static_cast<int>(row.column_int(3));
  a.monitor = watchlist::parse_monitor(row.column_text(4)).value_or(watchlist::Monitor::none);
  a.release_types = split(row.column_text(5));
  a.paused = row.column_int(6) != 0;
  a.pause_reason = row.column_text(7);
  a.resume_at_ms = row.column_int(8);
  const auto totals = nlohmann::json::parse(row.column_text(9), nullptr, false);
  if (totals.is_object()) {
    for (const auto& [group, total] : totals.items()) {
      if (total.is_number_integer()) {
        a.totals[group] = total.get<int>();
      }
    }
  }
  a.added_ms = row.column_int(10);
  a.last_checked_ms = row.column_int(11);
  a.last_full_scan_ms = row.column_int(12);
  a.next_check_ms = row.column_int(13);
  a.failures = static_cast<int>(row.column_int(14));
  a.last_result = row.column_text(15);
  a.last_error = row.column_text(16);
  return a;
}

// Binds every column of k_artist_columns in order (?1 … ?17).
void bind_artist(sqlite::Statement& stmt, const WatchedArtist& a) {
  stmt.bind(1, a.key)
      .bind(2, a.spotify_id)
      .bind(3, a.name)
      .bind(4, static_cast<std::int64_t>(a.priority))
      .bind(5, watchlist::to_string(a.monitor))
      .bind(6, join(a.release_types))
      .bind(7, static_cast<std::int64_t>(a.paused ? 1 : 0))
      .bind(8, a.pause_reason)
      .bind(9, a.resume_at_ms)
      .bind(10, nlohmann::json(a.totals).dump())
      .bind(11, a.added_ms)
      .bind(12, a.last_checked_ms)
      .bind(13, a.last_full_scan_ms)
      .bind(14, a.next_check_ms)
      .bind(15, static_cast<std::int64_t>(a.failures))
      .bind(16, a.last_result)
      .bind(17, a.last_error);
}

}  // namespace

Result<bool> WatchlistRepository::add(const WatchedArtist& artist) {
  bool created = false;
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare(fmt::format(
        "INSERT INTO watched_artists({}) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13, ?14, ?15, ?16, ?17) ON CONFLICT(key) DO NOTHING",
        k_artist_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    bind_artist(*stmt, artist);
    auto ran = stmt->run();
    created = ran && db.changes() > 0;
    return ran;
  });
  if (!written) {
    return std::move(written).error();
  }
  return created;
}

Result<std::optional<WatchedArtist>> WatchlistRepository::find(const std::string& key) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::optional<WatchedArtist>> {
    auto stmt =
        db.prepare(fmt::format("SELECT {} FROM watched_artists WHERE key = ?1", k_artist_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, key);
    std::optional<WatchedArtist> found;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) { found = artist_from_row(row); });
    if (!ran) {
      return std::move(ran).error();
    }
    return found;
  });
}

Result<std::vector<WatchedArtist>> WatchlistRepository::list() {
  return m_store.read([&](sqlite::Database& db) -> Result<std::vector<WatchedArtist>> {
    auto stmt = db.prepare(fmt::format(
        "SELECT {} FROM watched_artists ORDER BY priority DESC, added_ms, key", k_artist_columns));
    if (!stmt) {
      return std::move(stmt).error();
    }
    std::vector<WatchedArtist> artists;
    auto ran =
        each_row(*stmt, [&](sqlite::Statement& row) { artists.push_back(artist_from_row(row)); });
    if (!ran) {
      return std::move(ran).error();
    }
    return artists;
  });
}

Result<void> WatchlistRepository::update(const WatchedArtist& artist, unsigned fields) {
  // Column → its ?N in bind_artist, per field group.
  static const std::vector<std::pair<unsigned, std::string>> k_groups = {
      {watchlist::k_watch_settings,
       "name = ?3, priority = ?4, monitor = ?5, release_types = ?6, totals = ?10"},
      {watchlist::k_watch_pause, "paused = ?7, pause_reason = ?8, resume_at_ms = ?9"},
      {watchlist::k_watch_check,
       "totals = ?10, last_checked_ms = ?12, last_full_scan_ms = ?13, failures = ?15, "
       "last_result = ?16, last_error = ?17"},
      {watchlist::k_watch_schedule, "next_check_ms = ?14"},
  };
  std::string set;
  for (const auto& [mask, columns] : k_groups) {
    if ((fields & mask) != 0 && set.find(columns) == std::string::npos) {
      set += set.empty() ? columns : ", " + columns;
    }
  }
  if (set.empty()) {
    return {};
  }
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    // "?17 = ?17" keeps every parameter of bind_artist in the statement (binding one it does
    // not mention is an error); it is always true.
    return run_sql(db,
                   fmt::format("UPDATE watched_artists SET {} WHERE key = ?1 AND ?17 = ?17", set),
                   [&](sqlite::Statement& s) { bind_artist(s, artist); });
  });
}

Result<bool> WatchlistRepository::remove(const std::string& key) {
  bool removed = false;
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    for (const char* table : {"watch_tracks", "watch_releases"}) {
      auto ran = run_sql(db, fmt::format("DELETE FROM {} WHERE artist_key = ?1", table),
                         [&](sqlite::Statement& s) { s.bind(1, key); });
      if (!ran) {
        return ran;
      }
    }
    auto ran = run_sql(db, "DELETE FROM watched_artists WHERE key = ?1",
                       [&](sqlite::Statement& s) { s.bind(1, key); });
    removed = ran && db.changes() > 0;
    return ran;
  });
  if (!written) {
    return std::move(written).error();
  }
  return removed;
}

Result<std::set<std::string>> WatchlistRepository::known_release_ids(
    const std::string& artist_key) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::set<std::string>> {
    auto stmt = db.prepare("SELECT release_id FROM watch_releases WHERE artist_key = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, artist_key);
    std::set<std::string> ids;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) { ids.insert(row.column_text(0)); });
    if (!ran) {
      return std::move(ran).error();
    }
    return ids;
  });
}
Result<void> WatchlistRepository::add_activity(const watchlist::ActivityEntry& entry) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    return run_sql(db,
                   "INSERT INTO activity(at_ms, type, artist_key, message) VALUES(?1, ?2, ?3, ?4)",
                   [&](sqlite::Statement& s) {
                     s.bind(1, entry.at_ms)
                         .bind(2, entry.type)
                         .bind(3, entry.artist_key)
                         .bind(4, entry.message.substr(0, 1000));
                   });
  });
}

Result<watchlist::ActivityPage> WatchlistRepository::activity(
    const std::string& type, std::size_t limit, std::optional<std::int64_t> before_id) {
  return m_store.read([&](sqlite::Database& db) -> Result<watchlist::ActivityPage> {
    auto stmt = db.prepare(
        "SELECT id, at_ms, type, artist_key, message FROM activity "
        "WHERE (?1 = '' OR type = ?1) AND (?2 = 0 OR id < ?2) ORDER BY id DESC LIMIT ?3");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, type)
        .bind(2, before_id.value_or(0))
        .bind(3, static_cast<std::int64_t>(limit + 1));
    watchlist::ActivityPage page;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) {
      page.entries.push_back({row.column_int(0), row.column_int(1), row.column_text(2),
                              row.column_text(3), row.column_text(4)});
    });
    if (!ran) {
      return std::move(ran).error();
    }
    if (page.entries.size() > limit) {
      page.entries.resize(limit);
      page.next_cursor = page.entries.back().id;
    }
    return page;
  });
}

Result<std::int64_t> WatchlistRepository::prune_activity(std::int64_t cutoff_ms) {
  std::int64_t removed = 0;
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto ran = run_sql(db, "DELETE FROM activity WHERE at_ms < ?1",
                       [&](sqlite::Statement& s) { s.bind(1, cutoff_ms); });
    removed = db.changes();
    return ran;
  });
  if (!written) {
    return std::move(written).error();
  }
  return removed;
}

}  // namespace harmony::harmonyd::store
