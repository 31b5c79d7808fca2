#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "hdm/DownloadEngine.hpp"

namespace harmony::harmonyd::hdm {

// Runs DownloadEngine::tick() on its own thread every `interval` until stop() (or the
// destructor). wake() runs the next tick at once (after a new request, a cancel or a retry).
class DownloadWorker {
 public:
  DownloadWorker(DownloadEngine& engine, std::chrono::milliseconds interval);
  ~DownloadWorker();
  DownloadWorker(const DownloadWorker&) = delete;
  DownloadWorker& operator=(const DownloadWorker&) = delete;

  void start();
  void wake();
  void stop() noexcept;

 private:
  void run();

  DownloadEngine& m_engine;
  std::chrono::milliseconds m_interval;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  bool m_woken = false;
  std::thread m_thread;
};

}  // namespace harmony::harmonyd::hdm
