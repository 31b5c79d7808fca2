#include "http/Server.hpp"

#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace harmony::http {
namespace {

// httplib 0.11 matches routes as regular expressions: "/downloads/{id}" becomes
// "/downloads/([^/]+)" and the parameter names are kept in capture order.
struct Pattern {
  std::string regex;
  std::vector<std::string> names;
};

Pattern compile_pattern(const std::string& path) {
  Pattern pattern;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '{') {
      const auto close = path.find('}', i);
      pattern.names.push_back(path.substr(i + 1, close - i - 1));
      pattern.regex += "([^/]+)";
      i = close;
    } else if (std::string_view(".^$|()[]*+?\\").find(c) != std::string_view::npos) {
      pattern.regex += '\\';
      pattern.regex += c;
    } else {
      pattern.regex += c;
    }
  }
  return pattern;
}

Request to_request(const httplib::Request& in, const std::vector<std::string>& names) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  for (const auto& [name, value] : in.headers) {
    out.headers.emplace(name, value);
  }
  for (const auto& [name, value] : in.params) {
    out.query.emplace(name, value);
  }
  for (std::size_t i = 0; i < names.size() && i + 1 < in.matches.size(); ++i) {
    out.path_params.emplace(names[i], in.matches[i + 1].str());
  }
  out.body = in.body;
  out.remote_addr = in.remote_addr;
  return out;
}

void apply(const Response& in, httplib::Response& out) {
  out.status = in.status;
  for (const auto& [name, value] : in.headers) {
    out.set_header(name, value);
  }
  out.set_content(in.body, in.content_type);
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  httplib::Server server;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> serving{false};
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>()) {
  m_impl->options = std::move(options);
  auto& server = m_impl->server;
  const std::size_t threads = m_impl->options.worker_threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(m_impl->options.max_body_bytes);
  // httplib's default adds SO_REUSEPORT, which lets a second daemon silently share the port;
  // SO_REUSEADDR alone still allows a quick restart over connections in TIME_WAIT.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  const std::exception_ptr&) {
    apply(Response::json(500, {{"ok", false},
                               {"error", {{"code", "internal"}, {"message", "internal error"}}}}),
          res);
  });
}

Server::~Server() {
  stop();
}

void Server::add(Route route) {
  Pattern compiled = compile_pattern(route.path);
  auto handler = [h = std::move(route.handler), names = compiled.names](const httplib::Request& req,
                                                                        httplib::Response& res) {
    apply(h(to_request(req, names)), res);
  };
  const std::string& pattern = compiled.regex;
  auto& server = m_impl->server;
  if (route.method == "GET") {
    server.Get(pattern, handler);
  } else if (route.method == "POST") {
    server.Post(pattern, handler);
  } else if (route.method == "PUT") {
    server.Put(pattern, handler);
  } else if (route.method == "PATCH") {
    server.Patch(pattern, handler);
  } else if (route.method == "DELETE") {
    server.Delete(pattern, handler);
  } else if (route.method == "OPTIONS") {
    server.Options(pattern, handler);
  }
}

Result<int> Server::bind() {
  const auto& options = m_impl->options;
  auto& server = m_impl->server;
  int port = options.port;
  bool bound = false;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    bound = port > 0;
  } else {
    bound = server.bind_to_port(options.host, port);
  }
  if (!bound) {
    const int err = errno;
    return make_error(ErrorKind::unavailable,
                      fmt::format("cannot listen on {}:{} ({}); is another process using the port? "
                                  "set APP_PORT or APP_HOST to change it",
                                  options.host, options.port, std::strerror(err)),
                      err);
  }
  return port;
}

void Server::serve() {
  m_impl->serving = true;
  if (!m_impl->stop_requested) {
    m_impl->server.listen_after_bind();
  }
  m_impl->serving = false;
}

void Server::stop() noexcept {
  if (!m_impl) {
    return;
  }
  // httplib's stop() is a no-op until its accept loop is running, so a stop that races with
  // serve() starting would be lost and leave serve() blocked in accept() forever. Keep asking
  // until serve() has returned.
  m_impl->stop_requested = true;
  while (m_impl->serving) {
    m_impl->server.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace harmony::http
