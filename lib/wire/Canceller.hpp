#pragma once

#include <atomic>
#include <chrono>

namespace harmony::wire {

// Cancels blocking socket calls from any thread, promptly: it is an eventfd that every wait of
// `Socket` polls beside the socket. Once cancelled it stays cancelled.
class Canceller {
 public:
  // Throws ErrorException (internal) when the kernel gives no eventfd.
  Canceller();
  ~Canceller();
  Canceller(const Canceller&) = delete;
  Canceller& operator=(const Canceller&) = delete;

  void cancel() noexcept;
  bool cancelled() const noexcept { return m_cancelled.load(); }
  // Sleeps up to `duration`; returns false early when cancelled.
  bool sleep_for(std::chrono::milliseconds duration) const;
  // Readable once cancelled; for poll().
  int fd() const noexcept { return m_fd; }

 private:
  int m_fd = -1;
  std::atomic<bool> m_cancelled{false};
};

}  // namespace harmony::wire
