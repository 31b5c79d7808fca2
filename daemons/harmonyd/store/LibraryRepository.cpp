#include "store/LibraryRepository.hpp"

#include "library/MatchKey.hpp"

namespace harmony::harmonyd::store {
namespace {

constexpr const char* k_select =
    "SELECT path, size, mtime_ns, artist, title, album, isrc, duration_ms FROM library_tracks ";

library::LibraryTrack track_from_row(const sqlite::Statement& row) {
  library::LibraryTrack track;
  track.path = row.column_text(0);
  track.stamp = {row.column_int(1), row.column_int(2)};
  track.artist = row.column_text(3);
  track.title = row.column_text(4);
  track.album = row.column_text(5);
  track.isrc = row.column_text(6);
  track.duration = std::chrono::milliseconds(row.column_int(7));
  return track;
}

Result<std::optional<library::LibraryTrack>> first_row(sqlite::Statement& stmt) {
  auto row = stmt.step();
  if (!row) {
    return std::move(row).error();
  }
  if (!*row) {
    return std::optional<library::LibraryTrack>();
  }
  return std::optional<library::LibraryTrack>(track_from_row(stmt));
}

}  // namespace

Result<std::unordered_map<std::string, library::FileStamp>> LibraryRepository::stamps() {
  return m_store.read(
      [](sqlite::Database& db) -> Result<std::unordered_map<std::string, library::FileStamp>> {
        auto stmt = db.prepare("SELECT path, size, mtime_ns FROM library_tracks");
        if (!stmt) {
          return std::move(stmt).error();
        }
        std::unordered_map<std::string, library::FileStamp> stamps;
        while (true) {
          auto row = stmt->step();
          if (!row) {
            return std::move(row).error();
          }
          if (!*row) {
            return stamps;
          }
          stamps.emplace(stmt->column_text(0),
                         library::FileStamp{stmt->column_int(1), stmt->column_int(2)});
        }
      });
}

Result<void> LibraryRepository::apply(const library::IndexChanges& changes) {
  const auto indexed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  return m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    auto upsert = db.prepare(
        "INSERT INTO library_tracks(path, size, mtime_ns, artist, title, album, isrc, "
        "duration_ms, match_key, album_key, error, indexed_ms) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
        "ON CONFLICT(path) DO UPDATE SET size = ?2, mtime_ns = ?3, artist = ?4, title = ?5, "
        "album = ?6, isrc = ?7, duration_ms = ?8, match_key = ?9, album_key = ?10, error = ?11, "
        "indexed_ms = ?12");
    if (!upsert) {
      return std::move(upsert).error();
    }
    for (const library::LibraryTrack& track : changes.upserts) {
      upsert->reset();
      const bool readable = track.error.empty();
      upsert->bind(1, track.path)
          .bind(2, track.stamp.size)
          .bind(3, track.stamp.mtime_ns)
          .bind(4, track.artist)
          .bind(5, track.title)
          .bind(6, track.album)
          .bind(7, track.isrc)
          .bind(8, static_cast<std::int64_t>(track.duration.count()))
          .bind(9, readable ? library::match_key(track.artist, track.title) : std::string())
          .bind(10, readable ? library::match_key(track.artist, track.album) : std::string())
          .bind(11, track.error)
          .bind(12, static_cast<std::int64_t>(indexed_ms));
      if (auto ran = upsert->run(); !ran) {
        return ran;
      }
    }
    auto remove = db.prepare("DELETE FROM library_tracks WHERE path = ?1");
    if (!remove) {
      return std::move(remove).error();
    }
    for (const std::string& path : changes.removals) {
      remove->reset();
      remove->bind(1, path);
      if (auto ran = remove->run(); !ran) {
        return ran;
      }
    }
    return {};
  });
}

Result<std::optional<library::LibraryTrack>> LibraryRepository::find(
    const library::TrackIdentity& identity) {
  const std::string isrc = library::normalise_isrc(identity.isrc);
  const std::string key = library::match_key(identity.artist, identity.title);
  const std::int64_t duration = identity.duration ? identity.duration->count() : -1;
  return m_store.read([&](sqlite::Database& db) -> Result<std::optional<library::LibraryTrack>> {
    if (!isrc.empty()) {
      // "isrc <> ''" lets SQLite use the partial index library_tracks_by_isrc: it cannot
      // prove that of a bound parameter, and without it every lookup scans the table.
      auto by_isrc = db.prepare(std::string(k_select) +
                                "WHERE isrc = ?1 AND isrc <> '' AND error = '' LIMIT 1");
      if (!by_isrc) {
        return std::move(by_isrc).error();
      }
      by_isrc->bind(1, isrc);
      auto found = first_row(*by_isrc);
      if (!found || found->has_value()) {
        return found;
      }
    }
    auto by_key = db.prepare(std::string(k_select) +
                             "WHERE match_key = ?1 AND error = '' AND (?2 < 0 OR "
                             "abs(duration_ms - ?2) <= ?3) LIMIT 1");
    if (!by_key) {
      return std::move(by_key).error();
    }
    by_key->bind(1, key)
        .bind(2, duration)
        .bind(3, static_cast<std::int64_t>(library::k_duration_tolerance.count()));
    return first_row(*by_key);
  });
}

Result<library::IndexCounts> LibraryRepository::counts() {
  return m_store.read([](sqlite::Database& db) -> Result<library::IndexCounts> {
    auto stmt = db.prepare(
        "SELECT count(*) FILTER (WHERE error = ''), count(*) FILTER (WHERE error <> ''), "
        "count(DISTINCT substr(match_key, 1, instr(match_key, char(31)) - 1)) "
        "FILTER (WHERE error = ''), "
        "count(DISTINCT album_key) FILTER (WHERE error = '' AND album <> ''), "
        "coalesce(sum(size), 0) FROM library_tracks");
    if (!stmt) {
      return std::move(stmt).error();
    }
    auto row = stmt->step();
    if (!row) {
      return std::move(row).error();
    }
    return library::IndexCounts{stmt->column_int(0), stmt->column_int(1), stmt->column_int(2),
                                stmt->column_int(3), stmt->column_int(4)};
  });
}

}  // namespace harmony::harmonyd::store
