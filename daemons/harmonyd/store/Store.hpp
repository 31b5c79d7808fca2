#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/Result.hpp"
#include "sqlite/Database.hpp"
#include "sqlite/WriteQueue.hpp"

namespace harmony::harmonyd::store {

struct StoreOptions {
  std::string path;
  bool reset = false;  // DB_RESET: delete the file (and its -wal/-shm) before opening
};

// What readiness and selfcheck report about the database file.
struct DatabaseHealth {
  std::string path;
  bool exists = false;
  bool writable = false;
  bool wal = false;
  std::string quick_check;  // "ok", SQLite's findings, or why it could not run
  bool ok() const noexcept { return exists && writable && wal && quick_check == "ok"; }
};

// Inspects a database file through its own short-lived read-only connection; never creates
// or changes it. Used by readiness (in the daemon) and by selfcheck (without a daemon).
DatabaseHealth inspect_database(const std::string& path);

// harmonyd's SQLite state: opens (or recreates) the file, refuses a corrupt one, applies the
// migrations, and then offers one serialised write path (a WriteQueue) and a read connection.
// Thread-safe.
class Store {
 public:
  // ErrorKind::filesystem for a corrupt or unusable file, naming the path and the integrity
  // result; ErrorKind::config for a schema newer than this program.
  static Result<std::unique_ptr<Store>> open(const StoreOptions& options);

  const std::string& path() const noexcept { return m_path; }
  int schema_version() const noexcept { return m_schema_version; }

  // Every write goes through here (see WriteQueue for the guarantees).
  std::future<Result<void>> write(sqlite::WriteQueue::Job job) {
    return m_writes->submit(std::move(job));
  }
  Result<void> write_sync(sqlite::WriteQueue::Job job) { return m_writes->run(std::move(job)); }
  // Runs `read` on the shared read connection (WAL: it never waits for the writer).
  template <typename F>
  auto read(F&& read) {
    std::lock_guard lock(m_read_mutex);
    return read(m_reader);
  }

  const sqlite::WriteQueue& writes() const noexcept { return *m_writes; }

 private:
  Store(std::string path, sqlite::Database reader, std::unique_ptr<sqlite::WriteQueue> writes,
        int version)
      : m_path(std::move(path)),
        m_reader(std::move(reader)),
        m_writes(std::move(writes)),
        m_schema_version(version) {}

  std::string m_path;
  std::mutex m_read_mutex;
  sqlite::Database m_reader;
  std::unique_ptr<sqlite::WriteQueue> m_writes;
  int m_schema_version = 0;
};

}  // namespace harmony::harmonyd::store
