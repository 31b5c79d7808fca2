#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/Result.hpp"

struct sqlite3_stmt;

namespace harmony::sqlite {

// A prepared statement (RAII). Parameters are 1-based like SQLite's; columns are 0-based.
// Not thread-safe; belongs to the connection that prepared it and must not outlive it.
class Statement {
 public:
  Statement(sqlite3_stmt* handle, std::string db_path)
      : m_handle(handle), m_db_path(std::move(db_path)) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);

  // Advances: true when a row is available, false when done.
  Result<bool> step();
  // Runs to completion, for statements that return no rows.
  Result<void> run();
  void reset() noexcept;

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  Statement& note_bind(int rc);

  sqlite3_stmt* m_handle = nullptr;
  std::string m_db_path;
  Result<void> m_bind_error;
};

}  // namespace harmony::sqlite
