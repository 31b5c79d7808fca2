#include "sqlite/Migrations.hpp"

#include <fmt/format.h>

namespace harmony::sqlite {

Result<int> apply_migrations(Database& db, std::span<const Migration> migrations) {
  auto current = db.query_int("PRAGMA user_version");
  if (!current) {
    return std::move(current).error();
  }
  int version = static_cast<int>(*current);
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (version > latest) {
    return make_error(
        ErrorKind::config,
        fmt::format("database {} has schema version {}, newer than this program knows "
                    "({}); run a newer harmonyd or restore a backup",
                    db.path(), version, latest));
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= version) {
      continue;
    }
    if (migration.version != version + 1) {
      return make_error(ErrorKind::internal,
                        fmt::format("migration list has a gap before version {} ('{}')",
                                    migration.version, migration.name));
    }
    auto tx = Transaction::begin(db);
    if (!tx) {
      return std::move(tx).error();
    }
    if (auto applied = db.exec(migration.sql); !applied) {
      Error error = std::move(applied).error();
      error.message =
          fmt::format("migration {} ('{}'): {}", migration.version, migration.name, error.message);
      return error;
    }
    if (auto bumped = db.exec(fmt::format("PRAGMA user_version={}", migration.version)); !bumped) {
      return std::move(bumped).error();
    }
    if (auto committed = tx->commit(); !committed) {
      return std::move(committed).error();
    }
    version = migration.version;
  }
  return version;
}

}  // namespace harmony::sqlite
