#include "library/LibraryIndexer.hpp"

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::harmonyd::library {
namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

LibraryIndexer::LibraryIndexer(LibraryScanner& scanner, std::chrono::milliseconds interval)
    : m_scanner(scanner), m_interval(interval) {}

LibraryIndexer::~LibraryIndexer() {
  stop();
}

void LibraryIndexer::start() {
  m_stopping = false;
  m_thread = std::thread([this] { run(); });
}

void LibraryIndexer::stop() noexcept {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_cv.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void LibraryIndexer::request_scan() {
  {
    std::lock_guard lock(m_mutex);
    m_requested = true;
  }
  m_cv.notify_all();
}

IndexerStatus LibraryIndexer::status() const {
  std::lock_guard lock(m_mutex);
  return m_status;
}

void LibraryIndexer::filed(const std::string& path) noexcept {
  std::lock_guard file_lock(m_file_mutex);
  auto indexed = m_scanner.index_file(path);
  if (!indexed) {
    // The next scan indexes it; a download is never failed because the index lags.
    log::warning(fmt::format("library index: {}", indexed.error().message), {{"PATH", path}});
    std::lock_guard lock(m_mutex);
    m_status.last_error = indexed.error().message;
  }
}

void LibraryIndexer::record(const Result<ScanReport>& outcome) {
  std::lock_guard lock(m_mutex);
  m_status.scanning = false;
  ++m_status.scans;
  m_status.last_finished_ms = now_ms();
  if (!outcome) {
    ++m_status.failed_scans;
    m_status.last_error = outcome.error().message;
    return;
  }
  m_status.last = *outcome;
  m_status.last_error.clear();
}

void LibraryIndexer::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    const auto woken = [this] { return m_stopping || m_requested; };
    if (m_interval.count() > 0) {
      m_cv.wait_for(lock, m_interval, woken);
    } else {
      m_cv.wait(lock, woken);
    }
    if (m_stopping) {
      break;
    }
    m_requested = false;
    m_status.scanning = true;
    lock.unlock();
    auto outcome = m_scanner.scan(m_stopping);
    if (!outcome) {
      log::error(fmt::format("library scan failed: {}", outcome.error().message),
                 {{"PATH", m_scanner.music_dir().string()}});
    } else if (outcome->complete) {
      log::info(fmt::format("library scan: {} audio files, {} added, {} changed, {} removed, {} "
                            "unreadable in {} ms",
                            outcome->scanned, outcome->added, outcome->updated, outcome->removed,
                            outcome->unreadable, outcome->duration.count()),
                {{"PATH", m_scanner.music_dir().string()}});
    }
    record(outcome);
    lock.lock();
  }
}

}  // namespace harmony::harmonyd::library
