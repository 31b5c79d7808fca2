#pragma once

#include <functional>
#include <string>

#include "core/Result.hpp"
#include "sqlite/Database.hpp"

// Statement helpers shared by the files of store/WatchlistRepository (artists and activity in
// WatchlistRepository.cpp, releases and their tracks in WatchlistReleases.cpp).
namespace harmony::harmonyd::store::watchlist_rows {

// Steps `stmt` to its end, handing each row to `take`.
template <typename F>
Result<void> each_row(sqlite::Statement& stmt, F&& take) {
  while (true) {
    auto row = stmt.step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return {};
    }
    take(stmt);
  }
}

inline Result<void> run_sql(sqlite::Database& db, const std::string& sql,
                            const std::function<void(sqlite::Statement&)>& bind) {
  auto stmt = db.prepare(sql);
  if (!stmt) {
    return std::move(stmt).error();
  }
  bind(*stmt);
  return stmt->run();
}

}  // namespace harmony::harmonyd::store::watchlist_rows
