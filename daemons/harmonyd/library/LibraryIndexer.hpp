#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "library/LibraryScanner.hpp"

namespace harmony::harmonyd::library {

// Told about every file the download manager files into MUSIC_DIR.
class FilingObserver {
 public:
  virtual ~FilingObserver() = default;
  virtual void filed(const std::string& path) noexcept = 0;
};

struct IndexerStatus {
  bool scanning = false;
  std::int64_t scans = 0;         // finished scans, complete or not
  std::int64_t failed_scans = 0;  // scans that could not run (MUSIC_DIR unreadable, database)
  std::optional<ScanReport> last;
  std::string last_error;  // of the last failed scan or filed file, else empty
  std::optional<std::int64_t> last_finished_ms;  // unix milliseconds
};

// Keeps the index current in the background: a scan at start (a full read the first time,
// then only what changed), one every `interval` (zero: only at start and on request), one on
// request_scan(), and each filed file at once, so "already in the library" holds the moment a
// download is done. Thread-safe.
class LibraryIndexer final : public FilingObserver {
 public:
  LibraryIndexer(LibraryScanner& scanner, std::chrono::milliseconds interval);
  ~LibraryIndexer() override;
  LibraryIndexer(const LibraryIndexer&) = delete;
  LibraryIndexer& operator=(const LibraryIndexer&) = delete;

  void start();
  // Stops a running scan at the next file and joins the thread.
  void stop() noexcept;
  // Runs a scan now (or right after the one running).
  void request_scan();
  // Indexes a just-filed file on the caller's thread.
  void filed(const std::string& path) noexcept override;
  IndexerStatus status() const;

 private:
  void run();
  void record(const Result<ScanReport>& outcome);

  LibraryScanner& m_scanner;
  const std::chrono::milliseconds m_interval;
  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_requested = true;  // the scan at start
  std::atomic<bool> m_stopping{false};
  IndexerStatus m_status;
  std::mutex m_file_mutex;  // one filed-file index at a time, beside the scan
  std::thread m_thread;
};

}  // namespace harmony::harmonyd::library
