#pragma once

#include <memory>
#include <string>

#include "core/Result.hpp"
#include "wire/Socket.hpp"
#include "wire/Stream.hpp"

namespace harmony::wire {

// TLS (1.2 or later, OpenSSL) on a connected Socket, verifying the server's certificate chain
// against the system CA bundle /etc/ssl/certs/ca-certificates.crt (the file the harmonyd image
// ships; OpenSSL's SSL_CERT_FILE or SSL_CERT_DIR, when set, replace it) and its name against the
// host the caller connected to (a DNS name, also sent as SNI, or an IP address). Its own library,
// harmony_wire_tls, so that programs speaking only plain HTTP load no OpenSSL. Move-only; not
// thread-safe.
class TlsStream final : public Stream {
 public:
  // The handshake; a certificate that does not verify is ErrorKind::unavailable saying why.
  static Result<TlsStream> connect(Socket socket, const std::string& host, Deadline deadline,
                                   const Canceller* canceller);

  TlsStream(TlsStream&& other) noexcept;
  TlsStream& operator=(TlsStream&& other) noexcept;
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;
  ~TlsStream() override;

  Result<void> write_all(std::string_view bytes, Deadline deadline,
                         const Canceller* canceller) override;
  // 0 once the peer closed the TLS session (close_notify); a connection cut without it is an
  // error, so a body that runs until the close cannot be truncated unnoticed.
  Result<std::size_t> read_some(char* buffer, std::size_t size, Deadline deadline,
                                const Canceller* canceller) override;
  const std::string& peer() const noexcept override { return m_socket.peer(); }

  struct Session;  // OpenSSL's context and connection

 private:
  TlsStream(Socket socket, std::unique_ptr<Session> session);

  Socket m_socket;
  std::unique_ptr<Session> m_session;
};

}  // namespace harmony::wire
