#pragma once

#include <httplib.h>

#include <string>
#include <thread>

namespace harmony::fakes {

// A stand-in for slskd's HTTP API on 127.0.0.1 (slskd itself cannot run here). Follows the
// documented contract (reference/peers-and-contracts.md §2.4): GET /api/v0/application with
// a valid X-API-Key → 200 and the State JSON; a missing or wrong key → 401.
class FakeSlskd {
 public:
  explicit FakeSlskd(std::string api_key) : m_api_key(std::move(api_key)) {
    m_server.Get("/api/v0/application", [this](const httplib::Request& req,
                                               httplib::Response& res) {
      if (req.get_header_value("X-API-Key") != m_api_key) {
        res.status = 401;
        return;
      }
      res.set_content(
          R"({"version":{"full":"0.21.4","current":"0.21.4"},"server":{"isConnected":true,"isLoggedIn":true}})",
          "application/json");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // The socket already listens; wait until the accept loop runs so stop() can end it.
    while (!m_server.is_running()) {
      std::this_thread::yield();
    }
  }
  ~FakeSlskd() {
    m_server.stop();
    m_thread.join();
  }
  FakeSlskd(const FakeSlskd&) = delete;
  FakeSlskd& operator=(const FakeSlskd&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

 private:
  std::string m_api_key;
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
};

}  // namespace harmony::fakes
