#include "http/DeadlineServer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace harmony::http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// poll() for `events`, retried on EINTR; > 0 ready, 0 timed out, < 0 error.
int wait_for(int sock, short events, milliseconds timeout) {
  pollfd fd{sock, events, 0};
  for (;;) {
    const int ready =
        ::poll(&fd, 1, static_cast<int>(std::max<milliseconds::rep>(0, timeout.count())));
    if (ready >= 0 || errno != EINTR) {
      return ready;
    }
  }
}

void address_of(int sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  const int got = peer ? ::getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length)
                       : ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length);
  if (got != 0) {
    return;
  }
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
    port = ntohs(in->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text.data(), text.size());
    port = ntohs(in6->sin6_port);
  }
  ip = text.data();
}

// A connection's socket for httplib, buffered for its byte-at-a-time line reader. Every read
// waits at most the read timeout and never past the current request's deadline.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int sock, milliseconds read_timeout, milliseconds write_timeout)
      : m_sock(sock), m_read_timeout(read_timeout), m_write_timeout(write_timeout) {}

  void start_request(Clock::time_point deadline) {
    m_deadline = deadline;
    m_expired = false;
  }
  bool expired() const noexcept { return m_expired; }

  bool is_readable() const override {
    if (m_begin < m_end) {
      return true;
    }
    const auto left = std::chrono::duration_cast<milliseconds>(m_deadline - Clock::now());
    if (left.count() <= 0) {
      m_expired = true;
      return false;
    }
    if (wait_for(m_sock, POLLIN, std::min(left, m_read_timeout)) > 0) {
      return true;
    }
    // A wait cut short by the deadline (poll's milliseconds may end it a fraction early).
    m_expired = left <= m_read_timeout;
    return false;
  }

  bool is_writable() const override {
    if (wait_for(m_sock, POLLOUT, m_write_timeout) <= 0) {
      return false;
    }
    // A peer that closed its end is not worth writing to.
    char byte = 0;
    const auto peeked = ::recv(m_sock, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return peeked != 0;
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (m_begin == m_end) {
      if (!is_readable()) {
        return -1;
      }
      // Large reads go straight to the caller; small ones refill the buffer.
      if (size >= m_buffer.size()) {
        return receive(ptr, size);
      }
      const ssize_t got = receive(m_buffer.data(), m_buffer.size());
      if (got <= 0) {
        return got;
      }
      m_begin = 0;
      m_end = static_cast<std::size_t>(got);
    }
    const std::size_t n = std::min(size, m_end - m_begin);
    std::memcpy(ptr, m_buffer.data() + m_begin, n);
    m_begin += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (!is_writable()) {
      return -1;
    }
    for (;;) {
      const ssize_t sent = ::send(m_sock, ptr, size, MSG_NOSIGNAL);
      if (sent >= 0 || errno != EINTR) {
        return sent;
      }
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(m_sock, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(m_sock, false, ip, port);
  }
  socket_t socket() const override { return m_sock; }

 private:
  ssize_t receive(char* ptr, std::size_t size) {
    for (;;) {
      const ssize_t got = ::recv(m_sock, ptr, size, 0);
      if (got >= 0 || errno != EINTR) {
        return got;
      }
    }
  }

  int m_sock;
  milliseconds m_read_timeout;
  milliseconds m_write_timeout;
  Clock::time_point m_deadline = Clock::time_point::max();
  mutable bool m_expired = false;
  std::array<char, 4096> m_buffer{};
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
};

// The stream of the request the calling worker thread is handling.
thread_local const DeadlineStream* t_stream = nullptr;

}  // namespace

bool DeadlineServer::current_request_expired() noexcept {
  return t_stream != nullptr && t_stream->expired();
}

bool DeadlineServer::set_listen_backlog(int backlog) {
  return svr_sock_ != INVALID_SOCKET && ::listen(svr_sock_, backlog) == 0;
}

bool DeadlineServer::wait_for_request(socket_t sock) const {
  // Idle keep-alive connections wait in short slices so that stop() is noticed promptly.
  const auto until = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
  while (svr_sock_ != INVALID_SOCKET) {
    const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
    if (left.count() <= 0) {
      return false;
    }
    const int ready = wait_for(sock, POLLIN, std::min(left, milliseconds(50)));
    if (ready != 0) {
      return ready > 0;
    }
  }
  return false;
}

bool DeadlineServer::process_and_close_socket(socket_t sock) {
  using std::chrono::microseconds;
  using std::chrono::seconds;
  const auto read_timeout = std::chrono::duration_cast<milliseconds>(
      seconds(read_timeout_sec_) + microseconds(read_timeout_usec_));
  const auto write_timeout = std::chrono::duration_cast<milliseconds>(
      seconds(write_timeout_sec_) + microseconds(write_timeout_usec_));
  DeadlineStream stream(sock, read_timeout, write_timeout);
  t_stream = &stream;
  bool kept = false;
  for (std::size_t left = keep_alive_max_count_; left > 0 && wait_for_request(sock); --left) {
    stream.start_request(Clock::now() + m_deadline);
    bool connection_closed = false;
    kept = process_request(stream, left == 1, connection_closed, nullptr);
    // A request cut off at its deadline ends the connection: what the client sends next is
    // the rest of that request, not a new one.
    if (!kept || connection_closed || stream.expired()) {
      break;
    }
  }
  t_stream = nullptr;
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return kept;
}

}  // namespace harmony::http
