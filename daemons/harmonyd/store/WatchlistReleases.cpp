#include "store/WatchlistRepository.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hdm/Job.hpp"
#include "store/JobRepository.hpp"
#include "store/WatchlistRows.hpp"

// WatchlistRepository, part two: known releases, their tracks and the download jobs they
// create (the watch_releases and watch_tracks tables).
namespace harmony::harmonyd::store {
namespace {

using watchlist_rows::each_row;
using watchlist_rows::run_sql;

// Records one track: a new job for `queue` unless the same recording already has one.
Result<void> record_track(sqlite::Database& db, const watchlist::KnownRelease& release,
                          std::size_t position, watchlist::ReleaseTrack& track, std::int64_t now_ms,
                          watchlist::RecordOutcome& outcome) {
  if (track.decision == "queue") {
    auto queued = queue_unless_same_recording(db, track.request, now_ms);
    if (!queued) {
      return std::move(queued).error();
    }
    track.job_id = queued->first;
    track.decision = queued->second ? "queued" : "duplicate";
    if (queued->second) {
      ++outcome.queued;
    } else {
      track.reason = fmt::format("the same recording as download {}", track.job_id);
      ++outcome.duplicates;
    }
  }
  return run_sql(db,
                 "INSERT INTO watch_tracks(artist_key, release_id, position, spotify_id, request, "
                 "decision, reason, job_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                 [&](sqlite::Statement& s) {
                   s.bind(1, release.artist_key)
                       .bind(2, release.release_id)
                       .bind(3, static_cast<std::int64_t>(position))
                       .bind(4, track.spotify_id)
                       .bind(5, hdm::request_to_json(track.request).dump())
                       .bind(6, track.decision)
                       .bind(7, track.reason.substr(0, 500))
                       .bind(8, track.job_id);
                 });
}

}  // namespace

Result<watchlist::RecordOutcome> WatchlistRepository::record_release(
    const watchlist::KnownRelease& release, std::vector<watchlist::ReleaseTrack>& tracks) {
  watchlist::RecordOutcome outcome;
  // The WriteQueue runs this inside a savepoint of its transaction: if any step fails, the
  // release, its tracks and its new jobs are all rolled back together.
  auto written = m_store.write_sync([&](sqlite::Database& db) -> Result<void> {
    outcome = {};
    auto ran = run_sql(db,
                       "INSERT INTO watch_releases(artist_key, release_id, name, album_type, "
                       "release_date, total_tracks, state, found_ms) "
                       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       [&](sqlite::Statement& s) {
                         s.bind(1, release.artist_key)
                             .bind(2, release.release_id)
                             .bind(3, release.name.substr(0, 500))
                             .bind(4, release.album_type.substr(0, 40))
                             .bind(5, release.release_date.substr(0, 20))
                             .bind(6, static_cast<std::int64_t>(release.total_tracks))
                             .bind(7, release.state)
                             .bind(8, release.found_ms);
                       });
    if (!ran) {
      return ran;
    }
    for (std::size_t i = 0; i < tracks.size(); ++i) {
      auto recorded = record_track(db, release, i, tracks[i], release.found_ms, outcome);
      if (!recorded) {
        return recorded;
      }
    }
    return {};
  });
  if (!written) {
    return std::move(written).error();
  }
  return outcome;
}

Result<std::vector<watchlist::ReleaseView>> WatchlistRepository::releases(
    const std::string& artist_key) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::vector<watchlist::ReleaseView>> {
    auto stmt = db.prepare(
        "SELECT release_id, name, album_type, release_date, total_tracks, state, found_ms "
        "FROM watch_releases WHERE artist_key = ?1 ORDER BY release_date DESC, found_ms DESC");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, artist_key);
    std::vector<watchlist::ReleaseView> views;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) {
      watchlist::ReleaseView view;
      auto& r = view.release;
      r.artist_key = artist_key;
      r.release_id = row.column_text(0);
      r.name = row.column_text(1);
      r.album_type = row.column_text(2);
      r.release_date = row.column_text(3);
      r.total_tracks = static_cast<int>(row.column_int(4));
      r.state = row.column_text(5);
      r.found_ms = row.column_int(6);
      views.push_back(std::move(view));
    });
    if (!ran) {
      return std::move(ran).error();
    }
    auto tracks = db.prepare(
        "SELECT t.spotify_id, t.request, t.decision, t.reason, t.job_id, "
        "coalesce(j.state, '') FROM watch_tracks t LEFT JOIN download_jobs j ON j.id = t.job_id "
        "WHERE t.artist_key = ?1 AND t.release_id = ?2 ORDER BY t.position");
    if (!tracks) {
      return std::move(tracks).error();
    }
    for (auto& view : views) {
      tracks->reset();
      tracks->bind(1, artist_key).bind(2, view.release.release_id);
      auto read = each_row(*tracks, [&](sqlite::Statement& row) {
        watchlist::ReleaseTrack track;
        track.spotify_id = row.column_text(0);
        track.request =
            hdm::request_from_json(nlohmann::json::parse(row.column_text(1), nullptr, false));
        track.decision = row.column_text(2);
        track.reason = row.column_text(3);
        track.job_id = row.column_int(4);
        track.job_state = row.column_text(5);
        if (track.decision == "in_library" || track.job_state == "done") {
          ++view.complete;
        } else if (track.decision != "skipped") {
          ++view.missing;
        }
        view.tracks.push_back(std::move(track));
      });
      if (!read) {
        return std::move(read).error();
      }
    }
    return views;
  });
}

Result<std::optional<std::string>> WatchlistRepository::artist_of_job(std::int64_t job_id) {
  return m_store.read([&](sqlite::Database& db) -> Result<std::optional<std::string>> {
    auto stmt = db.prepare("SELECT artist_key FROM watch_tracks WHERE job_id = ?1 LIMIT 1");
    if (!stmt) {
      return std::move(stmt).error();
    }
    stmt->bind(1, job_id);
    std::optional<std::string> key;
    auto ran = each_row(*stmt, [&](sqlite::Statement& row) { key = row.column_text(0); });
    if (!ran) {
      return std::move(ran).error();
    }
    return key;
  });
}

}  // namespace harmony::harmonyd::store
