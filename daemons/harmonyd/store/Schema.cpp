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
  };
  return k_migrations;
}

}  // namespace harmony::harmonyd::store
