// The HTTP clients against lib/http's Server (cpp-httplib) on loopback: lib/http's send (the TLS-
// capable client of harmonyd) and lib/wire's plain calls (post_json, probe_url, call: the small
// daemons' client, http-parser reading what cpp-httplib wrote).
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <string>

#include "http/Client.hpp"
#include "http/Server.hpp"
#include "support/Process.hpp"
#include "wire/Client.hpp"

namespace harmony::http {
namespace {

using namespace std::chrono_literals;
using wire::post_json;
using wire::probe_url;

constexpr std::size_t k_large = 256 * 1024;  // past the 64 KiB the client calls read

// A loopback server with a few routes; records the last POST it saw.
class HttpClient : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.add({"POST", "/echo", [this](const Request& request) {
                    std::lock_guard lock(m_mutex);
                    m_content_type = request.header("Content-Type").value_or("");
                    m_body = request.body;
                    return Response::json(202, {{"ok", true}});
                  }});
    m_server.add({"POST", "/large",
                  [](const Request&) { return Response::text(200, std::string(k_large, 'x')); }});
    m_server.add({"GET", "/live", [](const Request&) { return Response::json(204, nullptr); }});
    m_server.add({"GET", "/large",
                  [](const Request&) { return Response::text(200, std::string(k_large, 'x')); }});
    m_server.add(
        {"GET", "/down", [](const Request&) { return Response::error(503, "down", "not ready"); }});
    auto port = m_server.bind();
    ASSERT_TRUE(port.ok()) << port.error().message;
    m_base = "http://127.0.0.1:" + std::to_string(*port);
    m_served = std::async(std::launch::async, [this] { m_server.serve(); });
  }

  void TearDown() override {
    if (!m_served.valid()) {
      return;
    }
    // request_stop() only closes a listener that is already accepting: repeat until serve()
    // has returned.
    do {
      m_server.request_stop();
    } while (m_served.wait_for(20ms) != std::future_status::ready);
  }

  std::string url(const std::string& path) const { return m_base + path; }

  Server m_server{ServerOptions{"127.0.0.1", 0, 4, 1024 * 1024, 1}};
  std::string m_base;
  std::future<void> m_served;
  std::mutex m_mutex;
  std::string m_content_type;
  std::string m_body;
};

std::string refused_url() {
  return "http://127.0.0.1:" + std::to_string(testing::free_loopback_port()) + "/nothing";
}

TEST_F(HttpClient, PostJsonSendsTheBodyAsJsonAndReturnsTheStatus) {
  auto status = post_json(url("/echo"), R"({"volume":42})", 2000ms);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(*status, 202);
  std::lock_guard lock(m_mutex);
  EXPECT_EQ(m_content_type, "application/json");
  EXPECT_EQ(m_body, R"({"volume":42})");
}

TEST_F(HttpClient, PostJsonReturnsTheStatusWhenTheReplyIsLargerThanItReads) {
  auto status = post_json(url("/large"), "{}", 2000ms);
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(*status, 200);
}

TEST_F(HttpClient, PostJsonReportsARefusedConnectionAsUnavailableNamingTheUrl) {
  const std::string target = refused_url();
  auto status = post_json(target, "{}", 2000ms);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::unavailable);
  EXPECT_NE(status.error().message.find("POST " + target), std::string::npos)
      << status.error().message;
}

TEST_F(HttpClient, ProbeUrlSucceedsOnA2xxStatus) {
  auto probed = probe_url(url("/live"), 2000ms);
  EXPECT_TRUE(probed.ok()) << probed.error().message;
}

TEST_F(HttpClient, ProbeUrlSucceedsOnA2xxStatusWithAnOversizedBody) {
  auto probed = probe_url(url("/large"), 2000ms);
  EXPECT_TRUE(probed.ok()) << probed.error().message;
}

TEST_F(HttpClient, ProbeUrlFailsOnA503NamingTheUrlAndTheStatus) {
  auto probed = probe_url(url("/down"), 2000ms);
  ASSERT_FALSE(probed.ok());
  EXPECT_EQ(probed.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(probed.error().native_code, 503);
  EXPECT_EQ(probed.error().message, "GET " + url("/down") + ": HTTP 503");
}

TEST_F(HttpClient, ProbeUrlReportsARefusedConnectionAsUnavailableNamingTheUrl) {
  const std::string target = refused_url();
  auto probed = probe_url(target, 2000ms);
  ASSERT_FALSE(probed.ok());
  EXPECT_EQ(probed.error().kind, ErrorKind::unavailable);
  EXPECT_NE(probed.error().message.find(target), std::string::npos) << probed.error().message;
}

TEST_F(HttpClient, SendCutsALongBodyAtTheLimitAndSaysSo) {
  ClientRequest request;
  request.url = url("/large");
  request.max_body_bytes = 1000;
  auto response = send(request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(response->truncated);
  EXPECT_EQ(response->body.size(), 1000U);
}

TEST_F(HttpClient, WireCallCutsALongBodyAtTheLimitAndSaysSo) {
  wire::Call call;
  call.url = url("/large");
  call.max_body_bytes = 1000;
  auto reply = wire::call(call);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_TRUE(reply->truncated);
  EXPECT_EQ(reply->body.size(), 1000U);
}

TEST_F(HttpClient, WireCallReadsAWholeBodyOfAKnownLength) {
  wire::Call call;
  call.url = url("/large");
  call.max_body_bytes = k_large;
  auto reply = wire::call(call);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_FALSE(reply->truncated);
  EXPECT_EQ(reply->body, std::string(k_large, 'x'));
}

TEST_F(HttpClient, ProbeUrlRefusesHttpsAsAConfigurationError) {
  auto probed = probe_url("https://127.0.0.1:1/live", 2000ms);
  ASSERT_FALSE(probed.ok());
  EXPECT_EQ(probed.error().kind, ErrorKind::config);
}

}  // namespace
}  // namespace harmony::http
