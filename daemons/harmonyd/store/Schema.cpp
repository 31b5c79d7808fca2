#include "store/Schema.hpp"

#include <vector>

namespace harmony::harmonyd::store {

std::span<const sqlite::Migration> migrations() {
  static const std::vector<sqlite::Migration> k_migrations = {
      {1, "settings",
       "CREATE TABLE settings ("
       "  key TEXT PRIMARY KEY NOT NULL,"
       "  value TEXT NOT NULL,"
       "  updated_at INTEGER NOT NULL"  // unix seconds
       ") STRICT;"},
      {2, "download_jobs",
       "CREATE TABLE download_jobs ("
       "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
       "  dedupe_key TEXT NOT NULL UNIQUE,"  // ISRC or normalised artist|title|album
       "  state TEXT NOT NULL,"
       "  request TEXT NOT NULL,"  // JSON: what was asked for
       "  details TEXT NOT NULL,"  // JSON: candidates with scores, peer failures, transfer
       "  attempts INTEGER NOT NULL DEFAULT 0,"
       "  last_error TEXT NOT NULL DEFAULT '',"
       "  final_path TEXT NOT NULL DEFAULT '',"
       "  created_ms INTEGER NOT NULL,"  // unix milliseconds
       "  updated_ms INTEGER NOT NULL,"
       "  state_since_ms INTEGER NOT NULL,"
       "  next_retry_ms INTEGER NOT NULL DEFAULT 0"
       ") STRICT;"
       "CREATE INDEX download_jobs_by_state ON download_jobs(state, id);"},
      {3, "spotify_oauth",
       // Started logins (PKCE verifier, single use, TTL) and the connected user's tokens; one
       // session row at most (id = 1), present while refresh_token is not empty.
       "CREATE TABLE oauth_transactions ("
       "  state TEXT PRIMARY KEY NOT NULL,"
       "  verifier TEXT NOT NULL,"
       "  redirect_uri TEXT NOT NULL,"
       "  status TEXT NOT NULL,"  // pending, exchanging, completed, failed, expired
       "  created_ms INTEGER NOT NULL,"
       "  expires_ms INTEGER NOT NULL,"
       "  completed_ms INTEGER NOT NULL DEFAULT 0,"
       "  error_code TEXT NOT NULL DEFAULT '',"
       "  message TEXT NOT NULL DEFAULT ''"
       ") STRICT;"
       "CREATE INDEX oauth_transactions_by_status ON oauth_transactions(status, created_ms);"
       "CREATE TABLE spotify_session ("
       "  id INTEGER PRIMARY KEY CHECK (id = 1),"
       "  access_token TEXT NOT NULL DEFAULT '',"
       "  refresh_token TEXT NOT NULL DEFAULT '',"
       "  scope TEXT NOT NULL DEFAULT '',"
       "  expires_ms INTEGER NOT NULL DEFAULT 0,"
       "  obtained_ms INTEGER NOT NULL DEFAULT 0,"
       "  user_id TEXT NOT NULL DEFAULT '',"
       "  user_name TEXT NOT NULL DEFAULT '',"
       "  reason TEXT NOT NULL DEFAULT '',"  // why there is no session, when Spotify ended it
       "  updated_ms INTEGER NOT NULL"
       ") STRICT;"},
      {4, "library_tracks",
       "CREATE TABLE library_tracks ("
       "  path TEXT PRIMARY KEY NOT NULL,"  // relative to MUSIC_DIR
       "  size INTEGER NOT NULL,"
       "  mtime_ns INTEGER NOT NULL,"
       "  artist TEXT NOT NULL,"
       "  title TEXT NOT NULL,"
       "  album TEXT NOT NULL,"
       "  isrc TEXT NOT NULL,"  // normalised, '' when the file has none
       "  duration_ms INTEGER NOT NULL,"
       "  match_key TEXT NOT NULL,"  // normalised artist, U+001F, normalised title
       "  album_key TEXT NOT NULL,"  // normalised artist, U+001F, normalised album
       "  error TEXT NOT NULL,"      // '' for a readable file
       "  indexed_ms INTEGER NOT NULL"
       ") STRICT;"
       "CREATE INDEX library_tracks_by_isrc ON library_tracks(isrc) WHERE isrc <> '';"
       "CREATE INDEX library_tracks_by_key ON library_tracks(match_key, duration_ms);"},
      {5, "ui_sessions",
       "CREATE TABLE ui_sessions ("
       "  token TEXT PRIMARY KEY NOT NULL,"  // the cookie's 256-bit random value, hex
       "  csrf TEXT NOT NULL,"
       "  authenticated INTEGER NOT NULL,"  // 1: logged in with an API key; 0: open UI
       "  created_ms INTEGER NOT NULL,"
       "  last_seen_ms INTEGER NOT NULL"  // idle expiry counts from here
       ") STRICT;"
       "CREATE INDEX ui_sessions_by_last_seen ON ui_sessions(last_seen_ms);"
       // The dashboard's recent activity reads the newest changes first.
       "CREATE INDEX download_jobs_by_update ON download_jobs(updated_ms);"},
      {6, "watchlists",
       // Followed artists, the releases each has seen (a release row exists only together with
       // its tracks' download jobs: one transaction), and the activity feed. download_jobs
       // gains the columns of the same-recording rule (ISRC, or match key within 3 s).
       "CREATE TABLE watched_artists ("
       "  key TEXT PRIMARY KEY NOT NULL,"  // spotify:<id>
       "  spotify_id TEXT NOT NULL,"
       "  name TEXT NOT NULL,"
       "  priority INTEGER NOT NULL,"
       "  monitor TEXT NOT NULL,"        // new, all, none
       "  release_types TEXT NOT NULL,"  // comma-separated include_groups
       "  paused INTEGER NOT NULL DEFAULT 0,"
       "  pause_reason TEXT NOT NULL DEFAULT '',"
       "  resume_at_ms INTEGER NOT NULL DEFAULT 0,"
       "  totals TEXT NOT NULL DEFAULT '{}',"  // JSON: include_groups → Spotify's total
       "  added_ms INTEGER NOT NULL,"
       "  last_checked_ms INTEGER NOT NULL DEFAULT 0,"
       "  last_full_scan_ms INTEGER NOT NULL DEFAULT 0,"
       "  next_check_ms INTEGER NOT NULL DEFAULT 0,"
       "  failures INTEGER NOT NULL DEFAULT 0,"
       "  last_result TEXT NOT NULL DEFAULT '',"
       "  last_error TEXT NOT NULL DEFAULT ''"
       ") STRICT;"
       "CREATE TABLE watch_releases ("
       "  artist_key TEXT NOT NULL,"
       "  release_id TEXT NOT NULL,"
       "  name TEXT NOT NULL,"
       "  album_type TEXT NOT NULL,"
       "  release_date TEXT NOT NULL,"
       "  total_tracks INTEGER NOT NULL,"
       "  state TEXT NOT NULL,"  // wanted, existing, not_monitored
       "  found_ms INTEGER NOT NULL,"
       "  PRIMARY KEY (artist_key, release_id)"
       ") STRICT;"
       "CREATE TABLE watch_tracks ("
       "  artist_key TEXT NOT NULL,"
       "  release_id TEXT NOT NULL,"
       "  position INTEGER NOT NULL,"
       "  spotify_id TEXT NOT NULL,"
       "  request TEXT NOT NULL,"   // JSON: the track request
       "  decision TEXT NOT NULL,"  // queued, duplicate, in_library, skipped
       "  reason TEXT NOT NULL,"
       "  job_id INTEGER NOT NULL,"  // download_jobs.id, 0 when none
       "  PRIMARY KEY (artist_key, release_id, position)"
       ") STRICT;"
       "CREATE TABLE activity ("
       "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
       "  at_ms INTEGER NOT NULL,"
       "  type TEXT NOT NULL,"
       "  artist_key TEXT NOT NULL,"
       "  message TEXT NOT NULL"
       ") STRICT;"
       "CREATE INDEX activity_by_type ON activity(type, id);"
       "CREATE INDEX activity_by_time ON activity(at_ms);"
       "ALTER TABLE download_jobs ADD COLUMN isrc TEXT NOT NULL DEFAULT '';"
       "ALTER TABLE download_jobs ADD COLUMN match_key TEXT NOT NULL DEFAULT '';"
       "ALTER TABLE download_jobs ADD COLUMN duration_ms INTEGER NOT NULL DEFAULT 0;"
       "UPDATE download_jobs SET isrc = substr(dedupe_key, 6) WHERE dedupe_key LIKE 'isrc:%';"
       "CREATE INDEX download_jobs_by_isrc ON download_jobs(isrc) WHERE isrc <> '';"
       "CREATE INDEX download_jobs_by_match ON download_jobs(match_key, duration_ms);"},
      {7, "dead_letter_reasons",
       // Why a job was dead-lettered (hdm::dead_letter_reason), kept while it is, so the list
       // filters and the stats count by reason without reading every job's details. Jobs
       // dead-lettered before this column are classified by their last error.
       "ALTER TABLE download_jobs ADD COLUMN dead_reason TEXT NOT NULL DEFAULT '';"
       "UPDATE download_jobs SET dead_reason = CASE"
       "  WHEN last_error LIKE 'no file from%' THEN 'no_match'"
       "  WHEN last_error LIKE 'every candidate failed%' THEN 'candidates_failed'"
       "  ELSE 'search_failed' END WHERE state = 'dead_letter';"
       "CREATE INDEX download_jobs_by_dead_reason ON download_jobs(dead_reason, id)"
       "  WHERE state = 'dead_letter';"},
      {8, "imports",
       // An import and, once processed, every item it asked for; items and their download jobs
       // are written in the one transaction that marks the import done, so a failed import
       // leaves only its row with the error.
       "CREATE TABLE imports ("
       "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
       "  source TEXT NOT NULL,"             // 'pasted text' or the uploaded file's name
       "  format TEXT NOT NULL DEFAULT '',"  // text, csv, m3u
       "  status TEXT NOT NULL,"             // processing, done, failed
       "  created_ms INTEGER NOT NULL,"
       "  finished_ms INTEGER NOT NULL DEFAULT 0,"
       "  summary TEXT NOT NULL DEFAULT '{}',"  // JSON: lines, items, outcome counts
       "  error TEXT NOT NULL DEFAULT ''"
       ") STRICT;"
       "CREATE TABLE import_items ("
       "  import_id INTEGER NOT NULL,"
       "  position INTEGER NOT NULL,"
       "  item TEXT NOT NULL,"  // JSON: imports::ImportItem
       "  PRIMARY KEY (import_id, position)"
       ") STRICT;"},
      {9, "playlists",
       // Followed playlists and every item each ever held: an item's row is its "seen" mark,
       // written in the transaction that creates its download job, so it is queued once ever.
       "CREATE TABLE playlists ("
       "  id TEXT PRIMARY KEY,"  // Spotify playlist id, or 'liked'
       "  name TEXT NOT NULL,"
       "  owner TEXT NOT NULL DEFAULT '',"
       "  state TEXT NOT NULL,"  // following, synced, refused, not_found, unauthenticated, ...
       "  message TEXT NOT NULL DEFAULT '',"
       "  added_ms INTEGER NOT NULL,"
       "  last_synced_ms INTEGER NOT NULL DEFAULT 0,"
       "  next_sync_ms INTEGER NOT NULL DEFAULT 0,"
       "  items_total INTEGER NOT NULL DEFAULT 0"
       ") STRICT;"
       "CREATE TABLE playlist_items ("
       "  playlist_id TEXT NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,"
       "  spotify_id TEXT NOT NULL,"
       "  position INTEGER NOT NULL,"
       "  present INTEGER NOT NULL,"  // 1 while Spotify lists it
       "  request TEXT NOT NULL,"     // JSON: the track request
       "  decision TEXT NOT NULL,"    // queued, duplicate, in_library, skipped
       "  reason TEXT NOT NULL DEFAULT '',"
       "  job_id INTEGER NOT NULL DEFAULT 0,"  // download_jobs.id, 0 when none
       "  library_path TEXT NOT NULL DEFAULT '',"
       "  seen_ms INTEGER NOT NULL,"
       "  PRIMARY KEY (playlist_id, spotify_id)"
       ") STRICT;"
       "CREATE INDEX playlist_items_by_job ON playlist_items(job_id) WHERE job_id <> 0;"},
  };
  return k_migrations;
}

}  // namespace harmony::harmonyd::store
