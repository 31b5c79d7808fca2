#include "wire/Socket.hpp"

#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "wire/Canceller.hpp"

namespace harmony::wire {
namespace {

Error failure(const std::string& peer, std::string_view what, int code) {
  return make_error(ErrorKind::unavailable, fmt::format("{}: {}", peer, what), code);
}

Error errno_failure(const std::string& peer, std::string_view call, int code) {
  return failure(peer, fmt::format("{}: {}", call, std::strerror(code)), code);
}

// Milliseconds poll() may wait before the deadline, rounded up; -1 for no deadline.
int poll_timeout(Deadline deadline) {
  if (deadline == k_no_deadline) {
    return -1;
  }
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 60'000));
}

}  // namespace

bool is_cancellation(const Error& error) noexcept {
  return error.native_code == ECANCELED;
}

Socket::Socket(Socket&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_peer(std::move(other.m_peer)) {}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      close(m_fd);
    }
    m_fd = std::exchange(other.m_fd, -1);
    m_peer = std::move(other.m_peer);
  }
  return *this;
}

Socket::~Socket() {
  if (m_fd >= 0) {
    close(m_fd);
  }
}

Result<Socket> Socket::connect_unix(const std::string& path, Deadline deadline,
                                    const Canceller* canceller) {
  sockaddr_un address{};
  if (path.empty() || path.size() >= sizeof address.sun_path) {
    return make_error(ErrorKind::config,
                      fmt::format("unix socket path '{}' is empty or longer than {} bytes", path,
                                  sizeof address.sun_path - 1));
  }
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, path.data(), path.size());
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    return errno_failure(path, "socket", errno);
  }
  Socket connection(fd, path);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    if (errno != EINPROGRESS) {
      return errno_failure(path, "connect", errno);
    }
    if (auto done = connection.finish_connect(deadline, canceller); !done) {
      return std::move(done).error();
    }
  }
  return connection;
}

Result<Socket> Socket::connect_tcp(const std::string& host, std::uint16_t port, Deadline deadline,
                                   const Canceller* canceller) {
  const std::string peer = fmt::format("{}:{}", host, port);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int code = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
      code != 0) {
    return failure(peer, fmt::format("cannot resolve '{}': {}", host, gai_strerror(code)), code);
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
  Error last = failure(peer, "no address", 0);
  for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    const int fd = socket(entry->ai_family, entry->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                          entry->ai_protocol);
    if (fd < 0) {
      last = errno_failure(peer, "socket", errno);
      continue;
    }
    Socket connection(fd, peer);
    if (connect(fd, entry->ai_addr, entry->ai_addrlen) == 0) {
      return connection;
    }
    if (errno != EINPROGRESS) {
      last = errno_failure(peer, "connect", errno);
      continue;
    }
    auto done = connection.finish_connect(deadline, canceller);
    if (done) {
      return connection;
    }
    last = std::move(done).error();
    if (last.native_code == ECANCELED || last.native_code == ETIMEDOUT) {
      break;
    }
  }
  return last;
}

Result<void> Socket::finish_connect(Deadline deadline, const Canceller* canceller) {
  if (auto ready = wait(POLLOUT, deadline, canceller); !ready) {
    return ready;
  }
  int code = 0;
  socklen_t length = sizeof code;
  if (getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &code, &length) != 0) {
    code = errno;
  }
  if (code != 0) {
    return errno_failure(m_peer, "connect", code);
  }
  return {};
}

Result<void> Socket::wait(short events, Deadline deadline, const Canceller* canceller) {
  pollfd entries[2] = {{m_fd, events, 0}, {canceller ? canceller->fd() : -1, POLLIN, 0}};
  while (true) {
    if (canceller != nullptr && canceller->cancelled()) {
      return failure(m_peer, "cancelled", ECANCELED);
    }
    const int timeout = poll_timeout(deadline);
    if (timeout == 0) {
      return failure(m_peer, "no answer in time", ETIMEDOUT);
    }
    const int ready = poll(entries, canceller ? 2 : 1, timeout);
    if (ready < 0 && errno != EINTR) {
      return errno_failure(m_peer, "poll", errno);
    }
    if (ready > 0 && entries[0].revents != 0) {
      return {};
    }
  }
}

void Socket::shutdown_write() noexcept {
  shutdown(m_fd, SHUT_WR);
}

Result<void> Socket::write_all(std::string_view bytes, Deadline deadline,
                               const Canceller* canceller) {
  while (!bytes.empty()) {
    const ssize_t sent = send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent >= 0) {
      bytes.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return errno_failure(m_peer, "send", errno);
    }
    if (auto ready = wait(POLLOUT, deadline, canceller); !ready) {
      return ready;
    }
  }
  return {};
}

Result<std::size_t> Socket::read_some(char* buffer, std::size_t size, Deadline deadline,
                                      const Canceller* canceller) {
  while (true) {
    const ssize_t received = recv(m_fd, buffer, size, 0);
    if (received >= 0) {
      return static_cast<std::size_t>(received);
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return errno_failure(m_peer, "recv", errno);
    }
    if (auto ready = wait(POLLIN, deadline, canceller); !ready) {
      return std::move(ready).error();
    }
  }
}

}  // namespace harmony::wire
