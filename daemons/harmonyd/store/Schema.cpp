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
      {3, "ui_sessions",
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
