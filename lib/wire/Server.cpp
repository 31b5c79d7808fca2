#include "wire/Server.hpp"

#include <fmt/format.h>
#include <http_parser.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>

#include "wire/Socket.hpp"

namespace harmony::wire {
namespace {

constexpr std::size_t k_max_head = 8 * 1024;
constexpr std::size_t k_max_drain = 64 * 1024;
constexpr auto k_connection_deadline = std::chrono::seconds(2);

// The request line and the end of the head; fields are not kept (no route reads them).
struct RequestHead {
  http_parser parser{};
  std::string url;
  bool complete = false;
};

int on_url(http_parser* parser, const char* at, std::size_t length) {
  static_cast<RequestHead*>(parser->data)->url.append(at, length);
  return 0;
}

int on_headers_complete(http_parser* parser) {
  static_cast<RequestHead*>(parser->data)->complete = true;
  http_parser_pause(parser, 1);
  return 1;  // the body, if any, is not read
}

std::string_view reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return status < 500 ? "Client Error" : "Server Error";
  }
}

std::string_view path_of(std::string_view url) {
  http_parser_url parts{};
  http_parser_url_init(&parts);
  if (http_parser_parse_url(url.data(), url.size(), 0, &parts) != 0 ||
      (parts.field_set & (1u << UF_PATH)) == 0) {
    return {};
  }
  return url.substr(parts.field_data[UF_PATH].off, parts.field_data[UF_PATH].len);
}

Error listen_error(const std::string& host, std::uint16_t port, std::string_view what, int code) {
  return make_error(
      ErrorKind::unavailable,
      fmt::format("cannot listen on {}:{}: {}; pick another host or port", host, port, what), code);
}

}  // namespace

Server::Server(std::string host, std::uint16_t port) : m_host(std::move(host)), m_port(port) {}

Server::~Server() {
  if (m_listener >= 0) {
    close(m_listener);
  }
}

void Server::add_get(const std::string& path, Handler handler) {
  m_routes[path] = std::move(handler);
}

Result<std::uint16_t> Server::bind() {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int code = getaddrinfo(m_host.c_str(), std::to_string(m_port).c_str(), &hints, &found);
      code != 0) {
    return listen_error(m_host, m_port, gai_strerror(code), code);
  }
  const int fd = socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  const int one = 1;
  const bool bound = fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
                     ::bind(fd, found->ai_addr, found->ai_addrlen) == 0 && listen(fd, 16) == 0;
  const int code = errno;
  freeaddrinfo(found);
  if (!bound) {
    if (fd >= 0) {
      close(fd);
    }
    return listen_error(m_host, m_port, std::strerror(code), code);
  }
  m_listener = fd;
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const auto* port = address.ss_family == AF_INET6
                         ? &reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port
                         : &reinterpret_cast<const sockaddr_in*>(&address)->sin_port;
  return static_cast<std::uint16_t>(ntohs(*port));
}

void Server::serve() {
  pollfd entries[2] = {{m_listener, POLLIN, 0}, {m_stop.fd(), POLLIN, 0}};
  while (!m_stop.cancelled()) {
    if (poll(entries, 2, -1) < 0 && errno != EINTR) {
      return;
    }
    const int fd = accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd >= 0) {
      auto connection = Socket::adopt(fd, "client");
      answer(connection);
    }
  }
}

void Server::stop() noexcept {
  m_stop.cancel();
}

void Server::answer(Socket& connection) {
  const Deadline deadline = std::chrono::steady_clock::now() + k_connection_deadline;
  RequestHead head;
  http_parser_init(&head.parser, HTTP_REQUEST);
  head.parser.data = &head;
  http_parser_settings settings{};
  http_parser_settings_init(&settings);
  settings.on_url = on_url;
  settings.on_headers_complete = on_headers_complete;
  std::array<char, 2048> buffer{};
  std::size_t read = 0;
  Page page;
  while (!head.complete) {
    auto received = connection.read_some(buffer.data(), buffer.size(), deadline, &m_stop);
    if (!received || *received == 0) {
      return;  // timed out, stopped or gone: there is no one to answer
    }
    read += *received;
    if (read > k_max_head) {
      page = Page{431, "text/plain; charset=utf-8", "request head too large\n"};
      break;
    }
    http_parser_execute(&head.parser, &settings, buffer.data(), *received);
    if (!head.complete && head.parser.http_errno != HPE_OK) {
      page = Page{400, "text/plain; charset=utf-8", "malformed request\n"};
      break;
    }
  }
  const auto method = http_method_str(static_cast<http_method>(head.parser.method));
  if (head.complete) {
    page = respond(method, path_of(head.url));
  }
  const bool with_body = !head.complete || std::strcmp(method, "HEAD") != 0;
  std::string text = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n"
      "X-Content-Type-Options: nosniff\r\nConnection: close\r\n{}\r\n",
      page.status, reason(page.status), page.content_type, page.body.size(),
      page.status == 405 ? "Allow: GET, HEAD\r\n" : "");
  if (with_body) {
    text += page.body;
  }
  // A client that stops reading is its own loss; the deadline bounds the wait.
  if (!connection.write_all(text, deadline, &m_stop)) {
    return;
  }
  // Closing with unread request bytes would reset the connection and could destroy the answer
  // before the client reads it: say we are done, then read what it still sends, within the
  // deadline and a bound.
  connection.shutdown_write();
  for (std::size_t drained = 0; drained < k_max_drain;) {
    auto received = connection.read_some(buffer.data(), buffer.size(), deadline, &m_stop);
    if (!received || *received == 0) {
      break;
    }
    drained += *received;
  }
}

Page Server::respond(std::string_view method, std::string_view path) const {
  const auto route = m_routes.find(path);
  if (route == m_routes.end()) {
    return Page{404, "text/plain; charset=utf-8", "not found\n"};
  }
  if (method != "GET" && method != "HEAD") {
    return Page{405, "text/plain; charset=utf-8", "only GET and HEAD\n"};
  }
  try {
    return route->second();
  } catch (const std::exception&) {
    return Page{500, "text/plain; charset=utf-8", "internal error\n"};
  }
}

}  // namespace harmony::wire
