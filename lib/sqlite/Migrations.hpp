#pragma once

#include <span>
#include <string>

#include "core/Result.hpp"
#include "sqlite/Database.hpp"

namespace harmony::sqlite {

// One schema step. Versions start at 1 and increase by one; a released migration is never
// edited, a change is a new migration appended to the list.
struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

// Applies every migration newer than the database's PRAGMA user_version, each in its own
// BEGIN IMMEDIATE transaction together with the user_version bump, so a failure leaves the
// schema at the last complete version. Returns the version the database is at afterwards.
// A database newer than the list (a downgrade) is ErrorKind::config.
Result<int> apply_migrations(Database& db, std::span<const Migration> migrations);

}  // namespace harmony::sqlite
