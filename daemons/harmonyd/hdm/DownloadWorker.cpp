#include "hdm/DownloadWorker.hpp"

#include <exception>

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::harmonyd::hdm {

DownloadWorker::DownloadWorker(DownloadEngine& engine, std::chrono::milliseconds interval)
    : m_engine(engine), m_interval(interval) {}

DownloadWorker::~DownloadWorker() {
  stop();
}

void DownloadWorker::start() {
  m_thread = std::thread([this] { run(); });
}

void DownloadWorker::wake() {
  {
    const std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_cv.notify_one();
}

void DownloadWorker::stop() noexcept {
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_one();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void DownloadWorker::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stop) {
    lock.unlock();
    // The engine reports failures as Result values; an exception that still escapes (a library
    // throwing on a hostile filesystem) must not end the daemon and crash it again at every
    // restart on the same stored job: log it and keep serving.
    try {
      m_engine.tick();
    } catch (const std::exception& e) {
      log::error(fmt::format("download step failed unexpectedly: {}", e.what()));
    }
    lock.lock();
    m_cv.wait_for(lock, m_interval, [this] { return m_stop || m_woken; });
    m_woken = false;
  }
}

}  // namespace harmony::harmonyd::hdm
