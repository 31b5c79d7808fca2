#include "support/NotifyReceiver.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace harmony::testing {

NotifyReceiver::NotifyReceiver() : m_path(m_dir.file("notify.sock")) {
  m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, m_path.c_str(), sizeof addr.sun_path - 1);
  if (m_fd < 0 || bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::runtime_error("cannot bind notify socket " + m_path);
  }
}

NotifyReceiver::~NotifyReceiver() {
  if (m_fd >= 0) {
    close(m_fd);
  }
}

std::optional<std::string> NotifyReceiver::next(std::chrono::milliseconds timeout) {
  pollfd pfd{m_fd, POLLIN, 0};
  if (poll(&pfd, 1, static_cast<int>(timeout.count())) <= 0) {
    return std::nullopt;
  }
  char buffer[4096];
  const ssize_t n = recv(m_fd, buffer, sizeof buffer, 0);
  if (n < 0) {
    return std::nullopt;
  }
  m_received.emplace_back(buffer, static_cast<std::size_t>(n));
  return m_received.back();
}

std::optional<std::string> NotifyReceiver::wait_for(const std::string& assignment,
                                                    std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return std::nullopt;
    }
    auto message = next(left);
    if (message && message->find(assignment) != std::string::npos) {
      return message;
    }
  }
}

}  // namespace harmony::testing
