#include "http/Server.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "http/DeadlineServer.hpp"
#include "http/WorkerPool.hpp"

namespace harmony::http {
namespace {

Request to_request(const httplib::Request& in) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  for (const auto& [name, value] : in.headers) {
    out.headers.emplace(name, value);
  }
  for (const auto& [name, value] : in.params) {
    out.query.emplace(name, value);
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
  if (in.status == 204 || in.status == 304) {
    return;
  }
  if (in.stream) {
    out.set_chunked_content_provider(in.content_type,
                                     [stream = in.stream](std::size_t, httplib::DataSink& sink) {
                                       auto piece = stream();
                                       while (piece && piece->empty()) {
                                         piece = stream();
                                       }
                                       if (!piece) {
                                         sink.done();
                                         return true;
                                       }
                                       return sink.write(piece->data(), piece->size());
                                     });
    return;
  }
  out.set_content(in.body, in.content_type);
}

std::string_view code_for(int status) {
  switch (status) {
    case 404:
      return "NOT_FOUND";
    case 405:
      return "METHOD_NOT_ALLOWED";
    case 413:
      return "PAYLOAD_TOO_LARGE";
    case 408:
      return "REQUEST_TIMEOUT";
    case 414:
      return "URI_TOO_LONG";
    default:
      return status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
  }
}

std::string_view message_for(int status) {
  switch (status) {
    case 413:
      return "request body is larger than the limit (HTTP_MAX_BODY_BYTES)";
    case 408:
      return "the request was not received completely within HTTP_REQUEST_DEADLINE";
    case 414:
      return "request URI is too long";
    case 400:
      return "malformed HTTP request";
    default:
      return "request failed";
  }
}

// httplib's TaskQueue over the WorkerPool (which grows with slow clients and pushes back on
// the accept loop instead of queueing without bound).
class PoolQueue final : public httplib::TaskQueue {
 public:
  PoolQueue(std::size_t min_threads, std::size_t max_threads) : m_pool(min_threads, max_threads) {}
  void enqueue(std::function<void()> job) override { m_pool.enqueue(std::move(job)); }
  void shutdown() override { m_pool.shutdown(); }

 private:
  WorkerPool m_pool;
};

enum class BodyError { too_large, unreadable, too_many_parts };

// At most this many parts in a multipart/form-data body (a file and a few fields are all any
// route takes); httplib's parser has no bound of its own on the per-part path.
constexpr std::size_t k_max_parts = 16;

// Reads the body, decoded, into `body`; stops as soon as it passes `limit` bytes. What the
// client still sends is then skipped by httplib's keep-alive loop, never stored.
std::optional<BodyError> read_bounded(const httplib::ContentReader& reader, std::size_t limit,
                                      std::string& body) {
  bool too_large = false;
  const bool read = reader([&](const char* data, std::size_t length) {
    if (length > limit - body.size()) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  });
  if (!read) {
    body.clear();
    return too_large ? BodyError::too_large : BodyError::unreadable;
  }
  return std::nullopt;
}

// Reads a multipart/form-data body through httplib's own parser into `parts`, with the same
// limit on the bytes kept (contents and part headers) as read_bounded.
std::optional<BodyError> read_parts(const httplib::ContentReader& reader, std::size_t limit,
                                    std::vector<FormPart>& parts) {
  std::size_t kept = 0;
  std::optional<BodyError> refused;
  const auto keep = [&](std::size_t length) {
    if (length > limit - kept) {
      refused = BodyError::too_large;
      return false;
    }
    kept += length;
    return true;
  };
  const bool read = reader(
      [&](const httplib::MultipartFormData& header) {
        if (parts.size() == k_max_parts) {
          refused = BodyError::too_many_parts;
          return false;
        }
        if (!keep(header.name.size() + header.filename.size() + header.content_type.size())) {
          return false;
        }
        parts.push_back({header.name, header.filename, header.content_type, {}});
        return true;
      },
      [&](const char* data, std::size_t length) {
        if (parts.empty() || !keep(length)) {
          return false;
        }
        parts.back().content.append(data, length);
        return true;
      });
  if (!read) {
    parts.clear();
    return refused.value_or(BodyError::unreadable);
  }
  return std::nullopt;
}

}  // namespace

struct Server::Impl {
  explicit Impl(ServerOptions opts) : options(std::move(opts)), server(options.request_deadline) {}
  ServerOptions options;
  DeadlineServer server;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> serving{false};
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {
  auto& server = m_impl->server;
  const std::size_t threads = m_impl->options.worker_threads;
  const std::size_t connections = std::max(threads, m_impl->options.max_connections);
  server.new_task_queue = [threads, connections] { return new PoolQueue(threads, connections); };
  // A client that stays silent this long in the middle of a request loses the connection.
  server.set_read_timeout(m_impl->options.read_timeout_seconds, 0);
  server.set_payload_max_length(m_impl->options.max_body_bytes);
  server.set_keep_alive_timeout(m_impl->options.keep_alive_seconds);
  // httplib writes headers and body separately; without TCP_NODELAY every response waits for
  // the peer's delayed ACK (~40 ms).
  server.set_tcp_nodelay(true);
  // httplib's default adds SO_REUSEPORT, which lets a second daemon silently share the port;
  // SO_REUSEADDR alone still allows a quick restart over connections in TIME_WAIT.
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // Every path and method goes to our Router, which decides 404 / 405 inside the middleware
  // chain (so request ids, CORS and metrics apply to them too).
  auto serve = [this](Request request, httplib::Response& res) {
    struct Counted {
      std::atomic<std::size_t>& count;
      explicit Counted(std::atomic<std::size_t>& c) : count(c) { ++count; }
      ~Counted() { --count; }
    } counted(m_in_flight);
    apply(m_router.dispatch(std::move(request)), res);
  };
  auto dispatch = [serve](const httplib::Request& req, httplib::Response& res) {
    serve(to_request(req), res);
  };
  // Requests that may carry a body read it through a ContentReader, counting the bytes as they
  // arrive after chunked and gzip/brotli decoding: httplib's own limit covers only a
  // Content-Length, so a chunked body or a compression bomb would otherwise be buffered whole.
  auto dispatch_with_body = [this, serve](const httplib::Request& req, httplib::Response& res,
                                          const httplib::ContentReader& reader) {
    const bool multipart = req.is_multipart_form_data();
    // Checked before reading: a route that takes no parts never buffers them.
    if (multipart && !m_router.accepts_multipart(req.method, req.path)) {
      apply(Response::error(415, "UNSUPPORTED_MEDIA_TYPE",
                            fmt::format("{} {} does not take multipart/form-data bodies; send JSON",
                                        req.method, req.path.substr(0, 256))),
            res);
      return;
    }
    Request request = to_request(req);
    const std::size_t limit = m_impl->options.max_body_bytes;
    const auto failed = multipart ? read_parts(reader, limit, request.parts)
                                  : read_bounded(reader, limit, request.body);
    if (failed) {
      // Already-answered limits keep httplib's status (413 for a Content-Length over the limit).
      int status = *failed == BodyError::too_large || res.status == 413 ? 413 : 400;
      if (status == 400 && DeadlineServer::current_request_expired()) {
        status = 408;
      }
      std::string_view message = message_for(status);
      if (status == 400 && *failed == BodyError::too_many_parts) {
        message = "the multipart/form-data body has more than 16 parts";
      } else if (status == 400 && multipart) {
        message = "malformed multipart/form-data body (RFC 7578): check its boundary and parts";
      }
      apply(Response::error(status, code_for(status), message), res);
      return;
    }
    serve(std::move(request), res);
  };
  server.Get(".*", dispatch);
  server.Post(".*", dispatch_with_body);
  server.Put(".*", dispatch_with_body);
  server.Patch(".*", dispatch_with_body);
  server.Delete(".*", dispatch_with_body);
  server.Options(".*", dispatch);
  // Answers that httplib produced itself before routing (400 malformed, 413 too large).
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        if (res.status == 400 && DeadlineServer::current_request_expired()) {
          res.status = 408;
        }
        const int status = res.status;
        apply(Response::error(status, code_for(status), message_for(status)), res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
        apply(Response::error(500, "INTERNAL_ERROR", "internal error; see the daemon's log"), res);
      });
}

Server::~Server() {
  stop();
}

std::size_t Server::worker_threads() const noexcept {
  return m_impl->options.worker_threads;
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
  if (bound) {
    server.set_listen_backlog(
        static_cast<int>(std::min<std::size_t>(options.max_connections, 4096)));
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

void Server::request_stop() noexcept {
  if (m_impl) {
    m_impl->stop_requested = true;
    m_impl->server.stop();
  }
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
