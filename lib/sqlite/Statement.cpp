#include "sqlite/Statement.hpp"

#include <sqlite3.h>

#include <utility>

#include "sqlite/SqliteError.hpp"

namespace harmony::sqlite {

Statement::Statement(Statement&& other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr)),
      m_db_path(std::move(other.m_db_path)),
      m_bind_error(std::move(other.m_bind_error)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(m_handle);
    m_handle = std::exchange(other.m_handle, nullptr);
    m_db_path = std::move(other.m_db_path);
    m_bind_error = std::move(other.m_bind_error);
  }
  return *this;
}

Statement::~Statement() {
  sqlite3_finalize(m_handle);
}

namespace {

std::string statement_text(sqlite3_stmt* stmt) {
  const char* sql = sqlite3_sql(stmt);
  return sql ? std::string(sql).substr(0, 80) : std::string("?");
}

}  // namespace

// Bind failures are remembered and reported by the next step(), so call sites stay chainable.
Statement& Statement::note_bind(int rc) {
  if (rc != SQLITE_OK && m_bind_error) {
    m_bind_error =
        sqlite_error(rc, m_db_path, "binding a parameter of '" + statement_text(m_handle) + "'",
                     sqlite3_errstr(rc));
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  return note_bind(sqlite3_bind_int64(m_handle, index, value));
}

Statement& Statement::bind(int index, double value) {
  return note_bind(sqlite3_bind_double(m_handle, index, value));
}

Statement& Statement::bind(int index, std::string_view value) {
  // A default string_view has no data pointer, and SQLite binds a null pointer as NULL: an
  // empty string must stay '' (a filter such as `?1 = ''` depends on it).
  const char* data = value.data() == nullptr ? "" : value.data();
  return note_bind(
      sqlite3_bind_text64(m_handle, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

Statement& Statement::bind_null(int index) {
  return note_bind(sqlite3_bind_null(m_handle, index));
}

Result<bool> Statement::step() {
  if (!m_bind_error) {
    return m_bind_error.error();
  }
  const int rc = sqlite3_step(m_handle);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return sqlite_error(rc, m_db_path, "'" + statement_text(m_handle) + "'",
                      sqlite3_errmsg(sqlite3_db_handle(m_handle)));
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return {};
    }
  }
}

void Statement::reset() noexcept {
  sqlite3_reset(m_handle);
  sqlite3_clear_bindings(m_handle);
  m_bind_error = {};
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(m_handle, index);
}
double Statement::column_double(int index) const {
  return sqlite3_column_double(m_handle, index);
}

std::string Statement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_handle, index));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_handle, index)))
              : std::string();
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(m_handle, index) == SQLITE_NULL;
}

}  // namespace harmony::sqlite
