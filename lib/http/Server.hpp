#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "http/Message.hpp"

namespace harmony::http {

using Handler = std::function<Response(const Request&)>;

// One row of a routing table. `path` may hold `{name}` segments, delivered in path_params.
struct Route {
  std::string method;
  std::string path;
  Handler handler;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::size_t worker_threads = 8;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
};

// An HTTP/1.1 server with a routing table. Handlers run on a worker pool and must be
// thread-safe; an exception escaping a handler becomes a 500 JSON response, never a crash.
// Lifecycle: add routes → bind() (the port then accepts connections) → serve() blocks until
// stop() is called from another thread.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void add(Route route);
  // Binds and listens. Returns the bound port (useful when options.port is 0).
  Result<int> bind();
  void serve();
  void stop() noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace harmony::http
