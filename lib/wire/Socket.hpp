#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::wire {

class Canceller;

using Deadline = std::chrono::steady_clock::time_point;
inline constexpr Deadline k_no_deadline = Deadline::max();

// A connected stream socket (unix or TCP) whose every wait honours a deadline and, when given, a
// Canceller. Failures are ErrorKind::unavailable naming the peer, with errno in native_code:
// ETIMEDOUT when the deadline passed, ECANCELED when cancelled. Not thread-safe; move-only.
class Socket {
 public:
  static Result<Socket> connect_unix(const std::string& path, Deadline deadline,
                                     const Canceller* canceller);
  // `host` is a name or an address; names are resolved before the deadline applies.
  static Result<Socket> connect_tcp(const std::string& host, std::uint16_t port, Deadline deadline,
                                    const Canceller* canceller);
  // Takes ownership of an accepted, non-blocking descriptor.
  static Socket adopt(int fd, std::string peer) { return Socket(fd, std::move(peer)); }

  Socket(Socket&& other) noexcept;
  Socket& operator=(Socket&& other) noexcept;
  ~Socket();

  Result<void> write_all(std::string_view bytes, Deadline deadline, const Canceller* canceller);
  // Reads what is there (at most `size` bytes), waiting for something first; 0 means the peer
  // closed its side.
  Result<std::size_t> read_some(char* buffer, std::size_t size, Deadline deadline,
                                const Canceller* canceller);

  // Says "no more from us" (FIN) while the peer may still send.
  void shutdown_write() noexcept;

  const std::string& peer() const noexcept { return m_peer; }

 private:
  Socket(int fd, std::string peer) : m_fd(fd), m_peer(std::move(peer)) {}
  Result<void> wait(short events, Deadline deadline, const Canceller* canceller);
  Result<void> finish_connect(Deadline deadline, const Canceller* canceller);

  int m_fd = -1;
  std::string m_peer;
};

// The error a Socket call gives when `canceller` fired (native_code ECANCELED).
bool is_cancellation(const Error& error) noexcept;

}  // namespace harmony::wire
