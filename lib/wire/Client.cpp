#include "wire/Client.hpp"

#include <fmt/format.h>

#include "core/UrlEncode.hpp"
#include "wire/Exchange.hpp"
#include "wire/Socket.hpp"
#include "wire/Url.hpp"

namespace harmony::wire {

Result<Reply> call(const Call& request) {
  auto url = parse_http_url(request.url);
  if (!url) {
    return std::move(url).error();
  }
  const auto fail = [&](Error error) {
    error.message = fmt::format("{} {}: {}", request.method, url->shown, error.message);
    return error;
  };
  const Deadline deadline = std::chrono::steady_clock::now() + request.timeout;
  auto socket = Socket::connect_tcp(url->host, url->port, deadline, nullptr);
  if (!socket) {
    return fail(std::move(socket).error());
  }
  Reply reply;
  const bool ipv6 = url->host.find(':') != std::string::npos;
  const std::string name = ipv6 ? fmt::format("[{}]", url->host) : url->host;
  const std::string host = url->port == 80 ? name : fmt::format("{}:{}", name, url->port);
  Request wire_request{request.method, url->target, host, request.headers, request.body};
  auto status = exchange(
      *socket, wire_request, deadline, nullptr, [](const ResponseHead&) {},
      [&](std::string_view bytes) {
        const std::size_t room = request.max_body_bytes - reply.body.size();
        reply.body.append(bytes.substr(0, room));
        reply.truncated = bytes.size() > room;
        return !reply.truncated;
      });
  if (!status) {
    return fail(std::move(status).error());
  }
  reply.status = *status;
  return reply;
}

Result<void> probe_url(const std::string& url, std::chrono::milliseconds timeout) {
  auto reply = call(Call{"GET", url, {}, {}, timeout});
  if (!reply) {
    return std::move(reply).error();
  }
  if (reply->status < 200 || reply->status > 299) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("GET {}: HTTP {}", without_query(url), reply->status),
                      reply->status);
  }
  return {};
}

Result<int> post_json(const std::string& url, const std::string& body,
                      std::chrono::milliseconds timeout) {
  auto reply = call(Call{"POST", url, {{"Content-Type", "application/json"}}, body, timeout});
  if (!reply) {
    return std::move(reply).error();
  }
  return reply->status;
}

}  // namespace harmony::wire
