#include "wire/Canceller.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "core/Error.hpp"

namespace harmony::wire {

Canceller::Canceller() : m_fd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (m_fd < 0) {
    throw ErrorException(
        Error{ErrorKind::internal, "eventfd failed (out of file descriptors?)", errno});
  }
}

Canceller::~Canceller() {
  close(m_fd);
}

void Canceller::cancel() noexcept {
  m_cancelled = true;
  const std::uint64_t one = 1;
  // A full counter (never, at 2^64 - 1) would still leave the descriptor readable.
  [[maybe_unused]] auto written = write(m_fd, &one, sizeof one);
}

bool Canceller::sleep_for(std::chrono::milliseconds duration) const {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (!cancelled()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return true;
    }
    pollfd entry{m_fd, POLLIN, 0};
    poll(&entry, 1, static_cast<int>(left.count()));
  }
  return false;
}

}  // namespace harmony::wire
