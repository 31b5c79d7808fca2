#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/Result.hpp"
#include "http/Router.hpp"

namespace harmony::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  // Each open connection holds a worker while it is open: `worker_threads` always run, and the
  // pool grows to `max_connections` when slow or idle keep-alive clients hold them all. Past
  // that, new connections wait in the kernel's listen backlog.
  std::size_t worker_threads = 4;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  // Idle keep-alive connections close after this; it also bounds how long stop() waits for them.
  int keep_alive_seconds = 2;
  std::size_t max_connections = 256;
  // A client silent this long in the middle of a request (or a response it does not read)
  // loses the connection.
  int read_timeout_seconds = 5;
  // A request not received completely (headers and body) this long after its first byte was
  // awaited loses the connection (408 when it can still be told), however steadily it trickles.
  std::chrono::milliseconds request_deadline{30'000};
};

// An HTTP/1.1 server in front of a Router. Handlers run on a worker pool and must be
// thread-safe. Errors the library answers before routing (malformed request → 400, body over
// max_body_bytes → 413) get the same JSON envelope.
// Lifecycle: configure router() → bind() (the port then accepts connections) → serve() blocks
// until stop() is called from another thread and in-flight requests have finished.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  Router& router() noexcept { return m_router; }
  void add(Route route) { m_router.add(std::move(route)); }
  // Binds and listens. Returns the bound port (useful when options.port is 0).
  Result<int> bind();
  void serve();
  // Closes the listener and returns at once; safe to call repeatedly and from any thread.
  // Repeat it until serve() returned when it may race with serve() starting (see
  // harmonyd's App::stop, which bounds the drain this way).
  void request_stop() noexcept;
  // Closes the listener and blocks until serve() has returned (in-flight requests finished).
  void stop() noexcept;
  std::size_t in_flight() const noexcept { return m_in_flight.load(); }
  std::size_t worker_threads() const noexcept;

 private:
  struct Impl;
  Router m_router;
  std::atomic<std::size_t> m_in_flight{0};
  std::unique_ptr<Impl> m_impl;
};

}  // namespace harmony::http
