#include "store/PlaylistRepository.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hdm/Job.hpp"
#include "store/JobRepository.hpp"
#include "store/WatchlistRows.hpp"

namespace harmony::harmonyd::store {
namespace {

using playlists::FollowedPlaylist;
using playlists::PlaylistEntry;
using watchlist_rows::each_row;
using watchlist_rows::run_sql;

constexpr const char* k_columns =
    "id, name, owner, state, message, added_ms, last_synced_ms, next_sync_ms, items_total";

FollowedPlaylist playlist_row(const sqlite::Statement& row) {
  FollowedPlaylist p;
  p.id = row.column_text(0);
  p.name = row.column_text(1);
  p.owner = row.column_text(2);
  p.state = row.column_text(3);
  p.message = row.column_text(4);
  p.added_ms = row.column_int(5);
  p.last_synced_ms = row.column_int(6);
  p.next_sync_ms = row.column_int(7);
  p.items_total = static_cast<int>(row.column_int(8));
  return p;
}

Result<std::vector<FollowedPlaylist>> select_playlists(sqlite::Database& db,
                                                       const std::string& where,
                                                       const std::string& id) {
  auto stmt = db.prepare(
      fmt::format("SELECT {} FROM playlists {} ORDER BY added_ms, id", k_columns, where));
  if (!stmt) {
    return std::move(stmt).error();
  }
  if (!id.empty()) {
    stmt->bind(1, id);
  }
  std::vector<FollowedPlaylist> found;
  auto ran = each_row(*stmt, [&](sqlite::Statement& row) { found.push_back(playlist_row(row)); });
  if (!ran) {
    return std::move(ran).error();
  }
  return found;
}

// One fresh item: its job (for `queue`, unless the same recording has one) and its seen row.
Result<void> record_entry(sqlite::Database& db, const std::string& playlist_id,
                          PlaylistEntry& entry, std::int64_t now_ms,
                          playlists::RecordOutcome& outcome) {
  if (entry.decision == "queue") {
    auto queued = queue_unless_same_recording(db, entry.request, now_ms);
    if (!queued) {
      return std::move(queued).error();
    }
    entry.job_id = queued->first;
    entry.decision = queued->second ? "queued" : "duplicate";
    if (queued->second) {
      ++outcome.queued;
    } else {
      entry.reason = fmt::format("the same recording as download {}", entry.job_id);
      ++outcome.duplicates;
    }
  }
  return run_sql(db,
                 "INSERT OR IGNORE INTO playlist_items(playlist_id, spotify_id, position, present, "
                 "request, decision, reason, job_id, library_path, seen_ms) "
                 "VALUES(?1, ?2, 0, 1, ?3, ?4, ?5, ?6, ?7, ?8)",
                 [&](sqlite::Statement& s) {
                   s.bind(1, playlist_id)
                       .bind(2, entry.spotify_id)
                       .bind(3, hdm::request_to_json(entry.request).dump())
                       .bind(4, entry.decision)
                       .bind(5, entry.reason.substr(0, 500))
                       .bind(6, entry.job_id)
                       .bind(7, entry.library_path)
                       .bind(8, now_ms);
                 });
}

}  // namespace

Result<bool> PlaylistRepository::add(const FollowedPlaylist& playlist) {
  bool added = false;
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto stmt = db.prepare(
        "INSERT OR IGNORE INTO playlists(id, name, owner, state, message, added_ms, "
        "last_synced_ms, next_sync_ms, items_total) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, playlist.id)
        .bind(2, playlist.name.substr(0, 500))
        .bind(3, playlist.owner.substr(0, 200))
        .bind(4, playlist.state)
        .bind(5, playlist.message)
        .bind(6, playlist.added_ms)
        .bind(7, playlist.last_synced_ms)
        .bind(8, playlist.next_sync_ms)
        .bind(9, static_cast<std::int64_t>(playlist.items_total));
    if (auto ran = stmt->run(); !ran) {
      return ran;
    }
    added = db.changes() > 0;
    return {};
  });
  if (!written) {
    return std::move(written).error();
  }
  return added;
}

Result<std::optional<FollowedPlaylist>> PlaylistRepository::find(const std::string& id) {
  auto found =
      m_store.read([&](sqlite::Database& db) { return select_playlists(db, "WHERE id = ?1", id); });
  if (!found) {
    return std::move(found).error();
  }
  if (found->empty()) {
    return std::optional<FollowedPlaylist>();
  }
  return std::optional<FollowedPlaylist>(std::move(found->front()));
}

Result<std::vector<FollowedPlaylist>> PlaylistRepository::list() {
  return m_store.read([&](sqlite::Database& db) { return select_playlists(db, "", ""); });
}

Result<void> PlaylistRepository::update(const FollowedPlaylist& playlist) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    return run_sql(db,
                   "UPDATE playlists SET name = ?2, owner = ?3, state = ?4, message = ?5, "
                   "last_synced_ms = ?6, next_sync_ms = ?7, items_total = ?8 WHERE id = ?1",
                   [&](sqlite::Statement& s) {
                     s.bind(1, playlist.id)
                         .bind(2, playlist.name.substr(0, 500))
                         .bind(3, playlist.owner.substr(0, 200))
                         .bind(4, playlist.state)
                         .bind(5, playlist.message.substr(0, 1000))
                         .bind(6, playlist.last_synced_ms)
                         .bind(7, playlist.next_sync_ms)
                         .bind(8, static_cast<std::int64_t>(playlist.items_total));
                   });
  });
}

Result<bool> PlaylistRepository::remove(const std::string& id) {
  bool removed = false;
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto items = run_sql(db, "DELETE FROM playlist_items WHERE playlist_id = ?1",
                         [&](sqlite::Statement& s) { s.bind(1, id); });
    if (!items) {
      return items;
    }
    auto ran = run_sql(db, "DELETE FROM playlists WHERE id = ?1",
                       [&](sqlite::Statement& s) { s.bind(1, id); });
    removed = ran && db.changes() > 0;
    return ran;
  });
  if (!written) {
    return std::move(written).error();
  }
  return removed;
}

Result<std::set<std::string>> PlaylistRepository::seen_ids(const std::string& playlist_id) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::set<std::string>> {
    auto stmt = db.prepare("SELECT spotify_id FROM playlist_items WHERE playlist_id = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, playlist_id);
    std::set<std::string> ids;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) { ids.insert(row.column_text(0)); });
    if (!ran) {
      return std::move(ran).error();
    }
    return ids;
  });
}

Result<playlists::RecordOutcome> PlaylistRepository::record_items(
    const std::string& playlist_id, std::vector<PlaylistEntry>& fresh,
    const std::vector<std::string>& current, std::int64_t now_ms) {
  playlists::RecordOutcome outcome;
  // The WriteQueue runs this inside a savepoint of its transaction: the seen marks, the new
  // jobs and the presence flags are committed together or not at all.
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    outcome = {};
    for (auto& entry : fresh) {
      if (auto recorded = record_entry(db, playlist_id, entry, now_ms, outcome); !recorded) {
        return recorded;
      }
    }
    // Presence in three steps: 2 marks "listed before", the items listed now become 1, and
    // what is still 2 was dropped on Spotify (counted, then 0: kept, so never queued again).
    if (auto marked = run_sql(db,
                              "UPDATE playlist_items SET present = 2 WHERE playlist_id = ?1 "
                              "AND present = 1",
                              [&](sqlite::Statement& s) { s.bind(1, playlist_id); });
        !marked) {
      return marked;
    }
    auto mark = db.prepare(
        "UPDATE playlist_items SET present = 1, position = ?3 "
        "WHERE playlist_id = ?1 AND spotify_id = ?2");
    if (!mark) {
      return std::move(mark).error();
    }
    for (std::size_t i = 0; i < current.size(); ++i) {
      mark->reset();
      mark->bind(1, playlist_id).bind(2, current[i]).bind(3, static_cast<std::int64_t>(i));
      if (auto ran = mark->run(); !ran) {
        return ran;
      }
    }
    if (auto dropped = run_sql(db,
                               "UPDATE playlist_items SET present = 0 WHERE playlist_id = ?1 "
                               "AND present = 2",
                               [&](sqlite::Statement& s) { s.bind(1, playlist_id); });
        !dropped) {
      return dropped;
    }
    outcome.removed = static_cast<int>(db.changes());
    return {};
  });
  if (!written) {
    return std::move(written).error();
  }
  return outcome;
}

Result<std::vector<PlaylistEntry>> PlaylistRepository::entries(const std::string& playlist_id) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::vector<PlaylistEntry>> {
    auto stmt = db.prepare(
        "SELECT i.spotify_id, i.position, i.present, i.request, i.decision, i.reason, i.job_id, "
        "i.library_path, coalesce(j.state, ''), coalesce(j.final_path, '') "
        "FROM playlist_items i LEFT JOIN download_jobs j ON j.id = i.job_id "
        "WHERE i.playlist_id = ?1 ORDER BY i.present DESC, i.position, i.seen_ms");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, playlist_id);
    std::vector<PlaylistEntry> found;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) {
      PlaylistEntry e;
      e.spotify_id = row.column_text(0);
      e.position = static_cast<int>(row.column_int(1));
      e.present = row.column_int(2) != 0;
      e.request =
          hdm::request_from_json(nlohmann::json::parse(row.column_text(3), nullptr, false, false));
      e.decision = row.column_text(4);
      e.reason = row.column_text(5);
      e.job_id = row.column_int(6);
      e.library_path = row.column_text(7);
      e.job_state = row.column_text(8);
      e.final_path = row.column_text(9);
      found.push_back(std::move(e));
    });
    if (!ran) {
      return std::move(ran).error();
    }
    return found;
  });
}

Result<std::vector<std::string>> PlaylistRepository::playlists_of_job(std::int64_t job_id) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::vector<std::string>> {
    auto stmt = db.prepare("SELECT DISTINCT playlist_id FROM playlist_items WHERE job_id = ?1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, job_id);
    std::vector<std::string> ids;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) { ids.push_back(row.column_text(0)); });
    if (!ran) {
      return std::move(ran).error();
    }
    return ids;
  });
}

Result<void> PlaylistRepository::add_activity(const std::string& type,
                                              const std::string& playlist_id,
                                              const std::string& message, std::int64_t at_ms) {
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    return run_sql(db,
                   "INSERT INTO activity(at_ms, type, artist_key, message) VALUES(?1, ?2, ?3, ?4)",
                   [&](sqlite::Statement& s) {
                     s.bind(1, at_ms)
                         .bind(2, type)
                         .bind(3, "playlist:" + playlist_id)
                         .bind(4, message.substr(0, 1000));
                   });
  });
}

}  // namespace harmony::harmonyd::store
