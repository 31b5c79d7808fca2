// The HttpTransport adapter (ClientHttpTransport over lib/http's client on lib/wire, with TLS by
// OpenSSL) against a real httplib server on loopback, plain and TLS: the port's contract seen
// from the wire.
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "integrations/slskd/ClientHttpTransport.hpp"
#include "integrations/slskd/SlskdClient.hpp"
#include "support/Eventually.hpp"
#include "support/Process.hpp"

using namespace harmony;
using namespace harmony::harmonyd::slskd;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t k_large = std::size_t{1} << 20;

// A loopback server (plain, or TLS when given a certificate) with the routes the tests call.
// Handlers that hold the line wait for release(), which the destructor calls.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::unique_ptr<httplib::Server> server) : m_server(std::move(server)) {
    m_server->Get("/missing", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_header("X-Request-Id", "r-42");
      response.set_content("no such thing", "text/plain");
    });
    m_server->Put("/echo", [this](const httplib::Request& request, httplib::Response& response) {
      {
        std::lock_guard lock(m_mutex);
        m_seen_authorization = request.get_header_value("Authorization");
        m_seen_body = request.body;
      }
      response.status = 201;
      response.set_content(request.method + " " + request.body, "text/plain");
    });
    m_server->Get("/large", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(k_large, 'x'), "text/plain");
    });
    // A body without end, sent in chunks until the client stops reading.
    m_server->Get("/endless", [](const httplib::Request&, httplib::Response& response) {
      response.set_chunked_content_provider("text/plain", [](std::size_t, httplib::DataSink& sink) {
        const std::string chunk(16 * 1024, 'y');
        return sink.write(chunk.data(), chunk.size());
      });
    });
    m_server->Get("/silent", [this](const httplib::Request&, httplib::Response& response) {
      std::unique_lock lock(m_mutex);
      m_released_changed.wait_for(lock, 10s, [this] { return m_released; });
      response.set_content("late", "text/plain");
    });
    // One byte every 100 ms: each read is quick, the whole reply never ends in time.
    m_server->Get("/trickle", [this](const httplib::Request&, httplib::Response& response) {
      response.set_chunked_content_provider(
          "text/plain", [this](std::size_t, httplib::DataSink& sink) {
            std::unique_lock lock(m_mutex);
            m_released_changed.wait_for(lock, 100ms, [this] { return m_released; });
            return !m_released && sink.write("z", 1);
          });
    });
    m_port = m_server->bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    // stop() only ends a server that is already running: wait for it, or the join would hang.
    EXPECT_TRUE(harmony::testing::eventually([this] { return m_server->is_running(); }));
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  ~LoopbackServer() {
    {
      std::lock_guard lock(m_mutex);
      m_released = true;
    }
    m_released_changed.notify_all();
    m_server->stop();
    m_thread.join();
  }

  int port() const { return m_port; }
  std::string seen_authorization() {
    std::lock_guard lock(m_mutex);
    return m_seen_authorization;
  }
  std::string seen_body() {
    std::lock_guard lock(m_mutex);
    return m_seen_body;
  }

 private:
  std::unique_ptr<httplib::Server> m_server;
  int m_port = -1;
  std::thread m_thread;
  std::mutex m_mutex;
  std::condition_variable m_released_changed;
  bool m_released = false;
  std::string m_seen_authorization;
  std::string m_seen_body;
};

HttpCall get(const std::string& url, std::chrono::milliseconds timeout = 5s) {
  HttpCall call;
  call.method = "GET";
  call.url = url;
  call.timeout = timeout;
  return call;
}

struct SlskdHttpTransport : ::testing::Test {
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server.port()) + path;
  }

  LoopbackServer server{std::make_unique<httplib::Server>()};
  ClientHttpTransport transport;
};

TEST_F(SlskdHttpTransport, ReturnsEveryStatusAsAReplyWithItsBodyAndHeaders) {
  auto reply = transport.send(get(url("/missing")));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 404);
  EXPECT_EQ(reply->body, "no such thing");
  EXPECT_FALSE(reply->truncated);
  EXPECT_EQ(reply->header("x-request-id"), "r-42");
  EXPECT_EQ(reply->header("Content-Type"), "text/plain");
}

TEST_F(SlskdHttpTransport, SendsTheMethodTheHeadersAndTheBody) {
  HttpCall call = get(url("/echo"));
  call.method = "PUT";
  call.headers = {{"Authorization", "Bearer t0ken"}, {"Content-Type", "application/json"}};
  call.body = R"({"a":1})";
  auto reply = transport.send(call);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 201);
  EXPECT_EQ(reply->body, R"(PUT {"a":1})");
  EXPECT_EQ(server.seen_authorization(), "Bearer t0ken");
  EXPECT_EQ(server.seen_body(), R"({"a":1})");
}

TEST_F(SlskdHttpTransport, CutsABodyLongerThanTheBoundAndSaysSo) {
  HttpCall call = get(url("/large"));
  call.max_body_bytes = 1000;
  auto reply = transport.send(call);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_TRUE(reply->truncated);
  EXPECT_EQ(reply->body, std::string(1000, 'x'));
}

// A body that never ends can only be answered by a client that stops reading at the bound.
TEST_F(SlskdHttpTransport, StopsReadingAnEndlessBodyAtTheBound) {
  HttpCall call = get(url("/endless"));
  call.max_body_bytes = 100'000;
  auto reply = transport.send(call);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_TRUE(reply->truncated);
  EXPECT_EQ(reply->body.size(), 100'000U);
}

TEST_F(SlskdHttpTransport, GivesUpOnASilentServerAtTheTimeoutAsUnavailable) {
  const auto started = std::chrono::steady_clock::now();
  auto reply = transport.send(get(url("/silent"), 300ms));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().kind, ErrorKind::unavailable);
  EXPECT_NE(reply.error().native_code, k_not_reached) << "the server saw the request";
  EXPECT_NE(reply.error().message.find("GET " + url("/silent")), std::string::npos)
      << reply.error().message;
  EXPECT_LT(took, 2s);
}

TEST_F(SlskdHttpTransport, EndsTheWholeCallAtTheTimeoutWhenTheServerTrickles) {
  const auto started = std::chrono::steady_clock::now();
  auto reply = transport.send(get(url("/trickle"), 500ms));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().kind, ErrorKind::unavailable);
  EXPECT_NE(reply.error().message.find("within 500 ms"), std::string::npos)
      << reply.error().message;
  EXPECT_GE(took, 500ms);
  EXPECT_LT(took, 1500ms);
}

TEST_F(SlskdHttpTransport, ReportsARefusedConnectionAsNotReachedWithoutTheQuery) {
  const std::string target =
      "http://127.0.0.1:" + std::to_string(harmony::testing::free_loopback_port()) +
      "/api/v0/searches";
  auto reply = transport.send(get(target + "?token=s3cret"));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(reply.error().native_code, k_not_reached);
  EXPECT_NE(reply.error().message.find("GET " + target), std::string::npos)
      << reply.error().message;
  EXPECT_EQ(reply.error().message.find("s3cret"), std::string::npos) << reply.error().message;
}

TEST_F(SlskdHttpTransport, RefusesASchemeOtherThanHttpAndHttps) {
  auto reply = transport.send(get("ftp://127.0.0.1/file"));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().kind, ErrorKind::unavailable);
  EXPECT_NE(reply.error().message.find("ftp://127.0.0.1/file"), std::string::npos);
}

// A test CA and a server certificate for 127.0.0.1 it signed, made with /usr/bin/openssl.
class TestCertificates {
 public:
  TestCertificates() {
    run({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "2", "-subj", "/CN=Harmony test CA", "-keyout", m_dir.file("ca.key"), "-out",
         ca()});
    run({"req",
         "-x509",
         "-newkey",
         "ec",
         "-pkeyopt",
         "ec_paramgen_curve:prime256v1",
         "-nodes",
         "-days",
         "2",
         "-subj",
         "/CN=127.0.0.1",
         "-addext",
         "subjectAltName=IP:127.0.0.1",
         "-addext",
         "basicConstraints=CA:FALSE",
         "-CA",
         ca(),
         "-CAkey",
         m_dir.file("ca.key"),
         "-keyout",
         key(),
         "-out",
         certificate()});
  }

  std::string ca() const { return m_dir.file("ca.pem"); }
  std::string certificate() const { return m_dir.file("server.pem"); }
  std::string key() const { return m_dir.file("server.key"); }

 private:
  static void run(const std::vector<std::string>& args) {
    harmony::testing::Process openssl("/usr/bin/openssl", args);
    const auto code = openssl.wait_for_exit(30s);
    ASSERT_EQ(code, std::optional<int>(0)) << openssl.output();
  }

  harmony::testing::TempDir m_dir;
};

// OpenSSL's default verify paths read SSL_CERT_FILE: the system CA store plus nothing else.
class CaFile {
 public:
  explicit CaFile(const std::string& path) { ::setenv("SSL_CERT_FILE", path.c_str(), 1); }
  CaFile(const CaFile&) = delete;
  CaFile& operator=(const CaFile&) = delete;
  ~CaFile() { ::unsetenv("SSL_CERT_FILE"); }
};

struct SlskdHttpsTransport : ::testing::Test {
  std::string url(const std::string& path) const {
    return "https://127.0.0.1:" + std::to_string(server.port()) + path;
  }

  TestCertificates certificates;
  LoopbackServer server{std::make_unique<httplib::SSLServer>(certificates.certificate().c_str(),
                                                             certificates.key().c_str())};
  ClientHttpTransport transport;
};

TEST_F(SlskdHttpsTransport, TalksToAServerWhoseCertificateTheCaStoreTrusts) {
  CaFile trusted(certificates.ca());
  auto reply = transport.send(get(url("/missing")));
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 404);
  EXPECT_EQ(reply->body, "no such thing");
}

TEST_F(SlskdHttpsTransport, RefusesAServerWhoseCertificateTheCaStoreDoesNotTrust) {
  CaFile system_only(certificates.certificate() + ".absent");
  auto reply = transport.send(get(url("/missing")));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().kind, ErrorKind::unavailable);
  EXPECT_NE(reply.error().native_code, k_not_reached);
  EXPECT_NE(reply.error().message.find("certificate"), std::string::npos) << reply.error().message;
}

TEST_F(SlskdHttpsTransport, RefusesACertificateThatNamesAnotherHost) {
  CaFile trusted(certificates.ca());
  // The certificate names the address 127.0.0.1 only, not the name "localhost".
  auto reply =
      transport.send(get("https://localhost:" + std::to_string(server.port()) + "/missing"));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().kind, ErrorKind::unavailable);
  EXPECT_NE(reply.error().message.find("certificate"), std::string::npos) << reply.error().message;
}

TEST_F(SlskdHttpsTransport, StopsReadingAnEndlessBodyAtTheBound) {
  CaFile trusted(certificates.ca());
  HttpCall call = get(url("/endless"));
  call.max_body_bytes = 100'000;
  auto reply = transport.send(call);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_TRUE(reply->truncated);
  EXPECT_EQ(reply->body.size(), 100'000U);
}

TEST_F(SlskdHttpsTransport, EndsTheWholeCallAtTheTimeoutWhenTheServerTrickles) {
  CaFile trusted(certificates.ca());
  const auto started = std::chrono::steady_clock::now();
  auto reply = transport.send(get(url("/trickle"), 500ms));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(reply.ok());
  EXPECT_NE(reply.error().message.find("within 500 ms"), std::string::npos)
      << reply.error().message;
  EXPECT_LT(took, 1500ms);
}

TEST_F(SlskdHttpTransport, SpeakingTlsToAPlainServerFailsNamingTls) {
  auto reply =
      transport.send(get("https://127.0.0.1:" + std::to_string(server.port()) + "/missing", 2s));
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().kind, ErrorKind::unavailable);
  EXPECT_NE(reply.error().message.find("TLS"), std::string::npos) << reply.error().message;
}

}  // namespace
