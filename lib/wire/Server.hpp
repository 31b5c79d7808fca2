#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/Result.hpp"
#include "wire/Canceller.hpp"

namespace harmony::wire {

class Socket;

struct Page {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// A read-only HTTP/1.1 endpoint for a small daemon's /metrics and /health: GET and HEAD of fixed
// paths, nothing that changes state (so no key or session is needed), no request bodies, no TLS.
// Requests are parsed by http-parser; each connection gets one answer and is closed, one
// connection at a time, each bounded by 8 KiB of request head and a 2 s deadline so a slow client
// holds it no longer than that. Unknown paths are 404, other methods 405.
class Server {
 public:
  using Handler = std::function<Page()>;

  Server(std::string host, std::uint16_t port);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Before bind(). The handler runs on the serving thread; an exception from it is a 500.
  void add_get(const std::string& path, Handler handler);
  // Listens; returns the bound port (the kernel's choice for port 0). A busy port or a bad
  // address is ErrorKind::unavailable naming host and port.
  Result<std::uint16_t> bind();
  // Answers connections until stop(); call after bind(), on a thread of its own.
  void serve();
  // From any thread: serve() returns promptly.
  void stop() noexcept;

 private:
  void answer(Socket& connection);
  Page respond(std::string_view method, std::string_view path) const;

  std::string m_host;
  std::uint16_t m_port;
  std::map<std::string, Handler, std::less<>> m_routes;
  int m_listener = -1;
  Canceller m_stop;
};

}  // namespace harmony::wire
