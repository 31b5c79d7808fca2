#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/Result.hpp"
#include "sqlite/Statement.hpp"

struct sqlite3;

namespace harmony::sqlite {

struct OpenOptions {
  bool read_only = false;
  bool create = true;
  // How long a connection waits on another connection's lock before SQLITE_BUSY.
  std::chrono::milliseconds busy_timeout{5000};
  // WAL lets readers run while the single writer commits; only set on read-write connections.
  bool wal = true;
};

// One SQLite connection (RAII). Every call checks the C return code once and returns an Error
// that names the file, the statement and SQLite's message. A connection is not thread-safe:
// use it from one thread at a time (WriteQueue owns the writer; readers have their own).
class Database {
 public:
  // Opens `path`, sets busy_timeout, foreign_keys=ON and (when asked) journal_mode=WAL.
  // A file that is not a database fails here with ErrorKind::filesystem.
  static Result<Database> open(const std::string& path, const OpenOptions& options = {});

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const std::string& path() const noexcept { return m_path; }
  Result<void> exec(const std::string& sql);
  Result<Statement> prepare(const std::string& sql);
  // The first column of the first row as text ("" when there is no row).
  Result<std::string> query_text(const std::string& sql);
  Result<std::int64_t> query_int(const std::string& sql);
  // "ok", or the problems PRAGMA quick_check / integrity_check reported, joined by "; ".
  Result<std::string> quick_check();
  Result<std::string> integrity_check();
  std::int64_t changes() const noexcept;
  std::int64_t last_insert_rowid() const noexcept;

 private:
  Database(sqlite3* handle, std::string path) : m_handle(handle), m_path(std::move(path)) {}
  Result<std::string> check(const std::string& pragma);

  sqlite3* m_handle = nullptr;
  std::string m_path;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front so a transaction never
// upgrades and dead-locks), ROLLBACK in the destructor unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Database& db);
  Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(Database& db) : m_db(&db) {}
  Database* m_db;
};

}  // namespace harmony::sqlite
