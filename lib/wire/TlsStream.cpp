#include "wire/TlsStream.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <poll.h>

#include <cerrno>
#include <cstdlib>
#include <utility>

namespace harmony::wire {

struct TlsStream::Session {
  ~Session() {
    if (ssl != nullptr) {
      SSL_free(ssl);
    }
    if (context != nullptr) {
      SSL_CTX_free(context);
    }
  }
  SSL_CTX* context = nullptr;
  SSL* ssl = nullptr;
};

namespace {

// The CA bundle Debian's ca-certificates package writes and the harmonyd image ships
// (docker/harmonyd/minimal-rootfs.sh); OpenSSL's own default, /usr/lib/ssl/cert.pem, is a symlink
// the image does not have.
constexpr const char* k_ca_bundle = "/etc/ssl/certs/ca-certificates.crt";

// OpenSSL's reason for the latest failure on this thread, and the queue cleared for the next call.
std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) {
    return "the connection broke";
  }
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

Error tls_failure(const std::string& peer, std::string_view what, int code = EPROTO) {
  return make_error(ErrorKind::unavailable, fmt::format("{}: TLS {}", peer, what), code);
}

Result<void> trust_system_store(SSL_CTX* context, const std::string& peer) {
  const bool own_paths =
      std::getenv("SSL_CERT_FILE") != nullptr ||  // NOLINT(concurrency-mt-unsafe)
      std::getenv("SSL_CERT_DIR") != nullptr;     // NOLINT(concurrency-mt-unsafe)
  const int loaded = own_paths ? SSL_CTX_set_default_verify_paths(context)
                               : SSL_CTX_load_verify_locations(context, k_ca_bundle, nullptr);
  if (loaded != 1) {
    return tls_failure(peer,
                       fmt::format("cannot load the CA certificates {}: {}",
                                   own_paths ? "named by SSL_CERT_FILE/SSL_CERT_DIR" : k_ca_bundle,
                                   openssl_reason()));
  }
  return {};
}

// What the server's certificate must name: an IP address when the caller connected to one,
// else the DNS name, which is also sent as SNI.
Result<void> expect_name(SSL* ssl, const std::string& host, const std::string& peer) {
  unsigned char address[sizeof(in6_addr)];
  const bool literal = inet_pton(AF_INET, host.c_str(), address) == 1 ||
                       inet_pton(AF_INET6, host.c_str(), address) == 1;
  const bool named = literal ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) == 1
                             : SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 &&
                                   SSL_set1_host(ssl, host.c_str()) == 1;
  if (!named) {
    return tls_failure(
        peer, fmt::format("cannot check the certificate for '{}': {}", host, openssl_reason()));
  }
  return {};
}

// Runs `step` (an SSL_* call on the non-blocking socket) until it completes, waiting for the
// socket whenever OpenSSL asks to. Returns `step`'s positive result, or 0 for a clean close.
template <typename Step>
Result<int> drive(SSL* ssl, Socket& socket, Deadline deadline, const Canceller* canceller,
                  std::string_view what, Step step) {
  while (true) {
    ERR_clear_error();
    const int result = step();
    if (result > 0) {
      return result;
    }
    switch (SSL_get_error(ssl, result)) {
      case SSL_ERROR_WANT_READ:
        if (auto ready = socket.wait(POLLIN, deadline, canceller); !ready) {
          return std::move(ready).error();
        }
        break;
      case SSL_ERROR_WANT_WRITE:
        if (auto ready = socket.wait(POLLOUT, deadline, canceller); !ready) {
          return std::move(ready).error();
        }
        break;
      case SSL_ERROR_ZERO_RETURN:
        return 0;
      case SSL_ERROR_SYSCALL:
        return tls_failure(socket.peer(), fmt::format("{}: {}", what, openssl_reason()),
                           errno != 0 ? errno : EPROTO);
      default:
        return tls_failure(socket.peer(), fmt::format("{}: {}", what, openssl_reason()));
    }
  }
}

}  // namespace

TlsStream::TlsStream(Socket socket, std::unique_ptr<Session> session)
    : m_socket(std::move(socket)), m_session(std::move(session)) {}

TlsStream::TlsStream(TlsStream&& other) noexcept = default;
TlsStream& TlsStream::operator=(TlsStream&& other) noexcept = default;

TlsStream::~TlsStream() {
  if (m_session && m_session->ssl != nullptr) {
    SSL_shutdown(m_session->ssl);  // one close_notify, never waited for
    ERR_clear_error();
  }
}

Result<TlsStream> TlsStream::connect(Socket socket, const std::string& host, Deadline deadline,
                                     const Canceller* canceller) {
  auto session = std::make_unique<Session>();
  session->context = SSL_CTX_new(TLS_client_method());
  if (session->context == nullptr ||
      SSL_CTX_set_min_proto_version(session->context, TLS1_2_VERSION) != 1) {
    return tls_failure(socket.peer(), fmt::format("set-up failed: {}", openssl_reason()));
  }
  if (auto trusted = trust_system_store(session->context, socket.peer()); !trusted) {
    return std::move(trusted).error();
  }
  SSL_CTX_set_verify(session->context, SSL_VERIFY_PEER, nullptr);
  session->ssl = SSL_new(session->context);
  if (session->ssl == nullptr || SSL_set_fd(session->ssl, socket.fd()) != 1) {
    return tls_failure(socket.peer(), fmt::format("set-up failed: {}", openssl_reason()));
  }
  if (auto named = expect_name(session->ssl, host, socket.peer()); !named) {
    return std::move(named).error();
  }
  SSL* ssl = session->ssl;
  auto shaken =
      drive(ssl, socket, deadline, canceller, "handshake", [ssl] { return SSL_connect(ssl); });
  if (!shaken || *shaken == 0) {
    const long verified = SSL_get_verify_result(ssl);
    if (verified != X509_V_OK) {
      return tls_failure(socket.peer(),
                         fmt::format("handshake: the server's certificate did not verify against "
                                     "the CA store: {}",
                                     X509_verify_cert_error_string(verified)));
    }
    if (!shaken) {
      return std::move(shaken).error();
    }
    return tls_failure(socket.peer(), "handshake: the server closed the connection");
  }
  return TlsStream(std::move(socket), std::move(session));
}

Result<void> TlsStream::write_all(std::string_view bytes, Deadline deadline,
                                  const Canceller* canceller) {
  SSL* ssl = m_session->ssl;
  while (!bytes.empty()) {
    std::size_t written = 0;
    auto step = drive(ssl, m_socket, deadline, canceller, "write",
                      [&] { return SSL_write_ex(ssl, bytes.data(), bytes.size(), &written); });
    if (!step) {
      return std::move(step).error();
    }
    if (*step == 0) {
      return tls_failure(peer(), "write: the server closed the connection", EPIPE);
    }
    bytes.remove_prefix(written);
  }
  return {};
}

Result<std::size_t> TlsStream::read_some(char* buffer, std::size_t size, Deadline deadline,
                                         const Canceller* canceller) {
  SSL* ssl = m_session->ssl;
  std::size_t received = 0;
  auto step = drive(ssl, m_socket, deadline, canceller, "read",
                    [&] { return SSL_read_ex(ssl, buffer, size, &received); });
  if (!step) {
    return std::move(step).error();
  }
  return *step == 0 ? 0 : received;
}

}  // namespace harmony::wire
