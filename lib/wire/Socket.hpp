#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/Result.hpp"
#include "wire/Stream.hpp"

namespace harmony::wire {

// A connected stream socket (unix or TCP) whose every wait honours a deadline and, when given, a
// Canceller. Failures are ErrorKind::unavailable naming the peer, with errno in native_code:
// ETIMEDOUT when the deadline passed, ECANCELED when cancelled. Not thread-safe; move-only.
class Socket final : public Stream {
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
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() override;

  Result<void> write_all(std::string_view bytes, Deadline deadline,
                         const Canceller* canceller) override;
  Result<std::size_t> read_some(char* buffer, std::size_t size, Deadline deadline,
                                const Canceller* canceller) override;
  const std::string& peer() const noexcept override { return m_peer; }

  // Says "no more from us" (FIN) while the peer may still send.
  void shutdown_write() noexcept;

  // Waits until poll() reports `events` (POLLIN, POLLOUT) on the socket; for a protocol layered
  // on the descriptor (TLS), which reads and writes it itself.
  Result<void> wait(short events, Deadline deadline, const Canceller* canceller);
  int fd() const noexcept { return m_fd; }

 private:
  Socket(int fd, std::string peer) : m_fd(fd), m_peer(std::move(peer)) {}
  Result<void> finish_connect(Deadline deadline, const Canceller* canceller);

  int m_fd = -1;
  std::string m_peer;
};

}  // namespace harmony::wire
