#include "sqlite/Database.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "sqlite/SqliteError.hpp"

namespace harmony::sqlite {

Error sqlite_error(int code, std::string_view db_path, std::string_view doing,
                   std::string_view detail) {
  ErrorKind kind = ErrorKind::internal;
  switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_PERM:
      kind = ErrorKind::filesystem;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = ErrorKind::unavailable;
      break;
    case SQLITE_CONSTRAINT:
      kind = ErrorKind::invalid;
      break;
    default:
      break;
  }
  return make_error(kind, fmt::format("database {}: {} failed: {}", db_path, doing, detail), code);
}

Result<Database> Database::open(const std::string& path, const OpenOptions& options) {
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) {
    flags |= SQLITE_OPEN_CREATE;
  }
  sqlite3* handle = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error =
        sqlite_error(rc, path, "open", handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc));
    sqlite3_close(handle);
    return error;
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, static_cast<int>(options.busy_timeout.count()));
  Database db(handle, path);
  // The first statement reads the header, so a file that is not a database fails here.
  if (auto fk = db.exec("PRAGMA foreign_keys=ON"); !fk) {
    return std::move(fk).error();
  }
  if (auto probe = db.query_int("SELECT count(*) FROM sqlite_schema"); !probe) {
    return std::move(probe).error();
  }
  if (options.wal && !options.read_only) {
    auto mode = db.query_text("PRAGMA journal_mode=WAL");
    if (!mode) {
      return std::move(mode).error();
    }
    if (*mode != "wal") {
      return make_error(ErrorKind::filesystem,
                        fmt::format("database {}: cannot switch to WAL (journal_mode is '{}'); "
                                    "is the file on a network filesystem?",
                                    path, *mode));
    }
    // FULL syncs the WAL at every commit: a committed state change (a job marked done after its
    // file was moved and synced) survives power loss too, not only an application crash.
    if (auto sync = db.exec("PRAGMA synchronous=FULL"); !sync) {
      return std::move(sync).error();
    }
  }
  return db;
}

Database::Database(Database&& other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr)), m_path(std::move(other.m_path)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(m_handle);
    m_handle = std::exchange(other.m_handle, nullptr);
    m_path = std::move(other.m_path);
  }
  return *this;
}

Database::~Database() {
  sqlite3_close_v2(m_handle);
}

Result<void> Database::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(m_handle, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    Error error = sqlite_error(rc, m_path, fmt::format("'{}'", sql.substr(0, 80)),
                               message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return error;
  }
  return {};
}

Result<Statement> Database::prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v2(m_handle, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return sqlite_error(rc, m_path, fmt::format("preparing '{}'", sql.substr(0, 80)),
                        sqlite3_errmsg(m_handle));
  }
  return Statement(stmt, m_path);
}

Result<std::string> Database::query_text(const std::string& sql) {
  auto stmt = prepare(sql);
  if (!stmt) {
    return std::move(stmt).error();
  }
  auto row = stmt->step();
  if (!row) {
    return std::move(row).error();
  }
  return *row ? stmt->column_text(0) : std::string();
}

Result<std::int64_t> Database::query_int(const std::string& sql) {
  auto stmt = prepare(sql);
  if (!stmt) {
    return std::move(stmt).error();
  }
  auto row = stmt->step();
  if (!row) {
    return std::move(row).error();
  }
  return *row ? stmt->column_int(0) : 0;
}

Result<std::string> Database::check(const std::string& pragma) {
  auto stmt = prepare(pragma);
  if (!stmt) {
    return std::move(stmt).error();
  }
  std::string problems;
  for (;;) {
    auto row = stmt->step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      break;
    }
    const std::string line = stmt->column_text(0);
    if (line != "ok") {
      problems += problems.empty() ? line : "; " + line;
    }
  }
  return problems.empty() ? std::string("ok") : problems;
}

Result<std::string> Database::quick_check() {
  return check("PRAGMA quick_check(20)");
}
Result<std::string> Database::integrity_check() {
  return check("PRAGMA integrity_check(20)");
}

std::int64_t Database::changes() const noexcept {
  return sqlite3_changes64(m_handle);
}
std::int64_t Database::last_insert_rowid() const noexcept {
  return sqlite3_last_insert_rowid(m_handle);
}

Result<Transaction> Transaction::begin(Database& db) {
  if (auto begun = db.exec("BEGIN IMMEDIATE"); !begun) {
    return std::move(begun).error();
  }
  return Transaction(db);
}

Transaction::~Transaction() {
  if (m_db != nullptr) {
    (void)m_db->exec("ROLLBACK");
  }
}

Result<void> Transaction::commit() {
  auto done = m_db->exec("COMMIT");
  if (done) {
    m_db = nullptr;
  }
  return done;
}

}  // namespace harmony::sqlite
