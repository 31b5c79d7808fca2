#include "docker/Transport.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>

#include "core/UrlEncode.hpp"
#include "wire/Exchange.hpp"
#include "wire/Socket.hpp"

namespace harmony::docker {
namespace {

constexpr std::size_t k_max_body = 16u << 20;
constexpr std::chrono::milliseconds k_connect_timeout{1000};
constexpr std::size_t k_max_api_version = 16;

Error connect_error(const std::string& socket, const Error& error) {
  std::string cause = "cannot connect";
  std::string hint = "start dockerd, or point DOCKER_HOST=unix:///path at the right socket";
  if (error.native_code == ENOENT) {
    cause = "the socket does not exist";
  } else if (error.native_code == EACCES || error.native_code == EPERM) {
    cause = "permission denied";
    hint = "run as root or as a member of the 'docker' group";
  } else if (error.native_code == ECONNREFUSED) {
    cause = "connection refused (dockerd is not running)";
  } else if (error.native_code == ETIMEDOUT) {
    cause = "the connect timed out (dockerd is overloaded or hung)";
  } else if (error.kind == ErrorKind::config) {
    cause = error.message;
    hint = "set DOCKER_HOST=unix:///path to a shorter path";
  }
  return make_error(ErrorKind::unavailable,
                    fmt::format("Docker engine at {} is unreachable: {}; {}", socket, cause, hint),
                    error.native_code);
}

Error exchange_error(const std::string& socket, const Error& error) {
  if (error.native_code == ETIMEDOUT) {
    return make_error(
        ErrorKind::unavailable,
        fmt::format("Docker engine at {} did not answer in time; check 'docker info'", socket),
        ETIMEDOUT);
  }
  return make_error(ErrorKind::unavailable, fmt::format("Docker engine at {}", error.message),
                    error.native_code);
}

wire::Request engine_request(std::string_view method, const std::string& path,
                             std::string_view json_body) {
  // Any host name works over a unix socket; Docker's clients send "docker".
  wire::Request request{method, path, "docker"};
  if (method == "POST") {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = json_body;
  }
  return request;
}

}  // namespace

Transport::Transport(std::string socket_path, std::chrono::milliseconds timeout)
    : m_socket_path(std::move(socket_path)), m_timeout(timeout) {}

std::string Transport::escape(std::string_view text) {
  return percent_encode(text);
}

Result<Response> Transport::request(std::string_view method, const std::string& path,
                                    const std::string& json_body,
                                    std::optional<std::chrono::milliseconds> timeout) {
  const auto start = std::chrono::steady_clock::now();
  const wire::Deadline deadline = start + timeout.value_or(m_timeout);
  auto socket = wire::Socket::connect_unix(m_socket_path,
                                           std::min(deadline, start + k_connect_timeout), nullptr);
  if (!socket) {
    return connect_error(m_socket_path, socket.error());
  }
  Response response;
  bool overflow = false;
  auto status = wire::exchange(
      *socket, engine_request(method, path, json_body), deadline, nullptr,
      [&](const wire::ResponseHead& head) {
        response.api_version = std::string(head.header("Api-Version").substr(0, k_max_api_version));
      },
      [&](std::string_view bytes) {
        overflow = response.body.size() + bytes.size() > k_max_body;
        if (!overflow) {
          response.body.append(bytes);
        }
        return !overflow;
      });
  if (overflow) {
    return make_error(
        ErrorKind::invalid,
        fmt::format("Docker engine answer to {} {} exceeds {} bytes", method, path, k_max_body));
  }
  if (!status) {
    return exchange_error(m_socket_path, status.error());
  }
  response.status = *status;
  return response;
}

Result<long> Transport::stream(const std::string& path, const std::function<void(long)>& on_open,
                               const std::function<bool(std::string_view)>& on_data,
                               CancelToken& token, std::string_view post_json) {
  auto socket = wire::Socket::connect_unix(
      m_socket_path, std::chrono::steady_clock::now() + k_connect_timeout, &token);
  if (!socket) {
    if (wire::is_cancellation(socket.error())) {
      return 0L;
    }
    return connect_error(m_socket_path, socket.error());
  }
  const std::string_view method = post_json.empty() ? "GET" : "POST";
  auto status = wire::exchange(
      *socket, engine_request(method, path, post_json), wire::k_no_deadline, &token,
      [&](const wire::ResponseHead& head) { on_open(head.status); },
      [&](std::string_view bytes) { return !token.cancelled() && on_data(bytes); });
  if (!status) {
    return exchange_error(m_socket_path, status.error());
  }
  return static_cast<long>(*status);
}

Error api_error(const Response& response, std::string_view what) {
  std::string message;
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_object() && json.contains("message") && json["message"].is_string()) {
    message = json["message"].get<std::string>();
  } else {
    message = response.body;
  }
  if (message.size() > 300) {
    message.resize(300);
    message += "...";
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
    message.pop_back();
  }
  const auto kind = response.status == 404 ? ErrorKind::not_found : ErrorKind::invalid;
  return make_error(
      kind, fmt::format("Docker engine refused {}: HTTP {}: {}", what, response.status, message),
      static_cast<int>(response.status));
}

}  // namespace harmony::docker
