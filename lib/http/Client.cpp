#include "http/Client.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <memory>
#include <optional>
#include <string_view>

#include "core/UrlEncode.hpp"
#include "wire/Exchange.hpp"
#include "wire/Socket.hpp"
#include "wire/TlsStream.hpp"
#include "wire/Url.hpp"

namespace harmony::http {
namespace {

constexpr std::size_t k_max_header_bytes = std::size_t{64} * 1024;
// native_code of a failure before any connection was made (refused, unreachable, not resolved,
// no TCP handshake in time): the server cannot have seen the request.
constexpr int k_never_connected = -10'001;

// The Host field: the port only when it is not the scheme's own.
std::string host_field(const wire::HttpUrl& url) {
  const bool ipv6 = url.host.find(':') != std::string::npos;
  const std::string name = ipv6 ? fmt::format("[{}]", url.host) : url.host;
  const std::uint16_t usual = url.tls ? 443 : 80;
  return url.port == usual ? name : fmt::format("{}:{}", name, url.port);
}

// A connected stream to the URL's host: a plain socket, or TLS over it for https.
Result<std::unique_ptr<wire::Stream>> open(const wire::HttpUrl& url, wire::Deadline deadline) {
  auto socket = wire::Socket::connect_tcp(url.host, url.port, deadline, nullptr);
  if (!socket) {
    Error error = std::move(socket).error();
    error.native_code = k_never_connected;
    return error;
  }
  if (!url.tls) {
    return std::unique_ptr<wire::Stream>(std::make_unique<wire::Socket>(std::move(*socket)));
  }
  auto tls = wire::TlsStream::connect(std::move(*socket), url.host, deadline, nullptr);
  if (!tls) {
    return std::move(tls).error();
  }
  return std::unique_ptr<wire::Stream>(std::make_unique<wire::TlsStream>(std::move(*tls)));
}

Error failed(const ClientRequest& request, std::string_view shown, Error error) {
  if (error.native_code == ETIMEDOUT) {
    error.message =
        fmt::format("no complete reply within {} ms ({})", request.timeout.count(), error.message);
  }
  error.kind = ErrorKind::unavailable;
  error.message = fmt::format("{} {} failed: {}", request.method, shown, error.message);
  return error;
}

}  // namespace

bool never_connected(const Error& error) noexcept {
  return error.kind == ErrorKind::unavailable && error.native_code == k_never_connected;
}

Result<ClientResponse> send(const ClientRequest& request) {
  auto url = wire::parse_web_url(request.url);
  if (!url) {
    return failed(request, without_query(request.url), std::move(url).error());
  }
  const auto deadline = std::chrono::steady_clock::now() + request.timeout;
  auto stream = open(*url, deadline);
  if (!stream) {
    return failed(request, url->shown, std::move(stream).error());
  }
  ClientResponse response;
  const auto keep_head = [&response](const wire::ResponseHead& head) {
    std::size_t header_bytes = 0;
    for (const auto& [name, value] : head.headers) {
      header_bytes += name.size() + value.size() + 4;  // as on the wire: ": " and CRLF
      if (header_bytes > k_max_header_bytes) {
        break;
      }
      response.headers.emplace_back(name, value);
    }
  };
  // Stops reading at the limit: the caller refuses or cuts an oversized body anyway.
  const auto keep_body = [&response, limit = request.max_body_bytes](std::string_view bytes) {
    const std::size_t room = limit - response.body.size();
    response.body.append(bytes.substr(0, room));
    response.truncated = bytes.size() > room;
    return !response.truncated;
  };
  const std::string host = host_field(*url);
  const wire::Request out{request.method, url->target, host, request.headers, request.body};
  auto status = wire::exchange(**stream, out, deadline, nullptr, keep_head, keep_body);
  if (!status) {
    return failed(request, url->shown, std::move(status).error());
  }
  response.status = *status;
  return response;
}

Result<ClientResponse> get(const ClientRequest& request) {
  ClientRequest plain = request;
  plain.method = "GET";
  plain.body.clear();
  return send(plain);
}

}  // namespace harmony::http
