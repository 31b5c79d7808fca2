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
  };
  return k_migrations;
}

}  // namespace harmony::harmonyd::store
