// lib/wire's Server on loopback, asked by cpp-httplib's client (lib/http) and by raw sockets.
#include "wire/Server.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>

#include "http/Client.hpp"
#include "wire/Client.hpp"

namespace harmony::wire {
namespace {

using namespace std::chrono_literals;

class WireServer : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.add_get("/metrics", [] { return Page{200, "text/plain; version=0.0.4", "up 1\n"}; });
    m_server.add_get("/broken", []() -> Page { throw std::runtime_error("handler bug"); });
    auto port = m_server.bind();
    ASSERT_TRUE(port.ok()) << port.error().message;
    m_port = *port;
    m_served = std::async(std::launch::async, [this] { m_server.serve(); });
  }

  void TearDown() override {
    m_server.stop();
    if (m_served.valid()) {
      m_served.wait();
    }
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

  Result<http::ClientResponse> send(const std::string& method, const std::string& path) {
    http::ClientRequest request;
    request.method = method;
    request.url = url(path);
    return http::send(request);
  }

  // A raw connection to the server; -1 when it cannot connect.
  int connect_raw() const {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      close(fd);
      return -1;
    }
    return fd;
  }

  Server m_server{"127.0.0.1", 0};
  std::uint16_t m_port = 0;
  std::future<void> m_served;
};

std::string header(const http::ClientResponse& response, const std::string& name) {
  for (const auto& [field, value] : response.headers) {
    if (field == name) {
      return value;
    }
  }
  return {};
}

TEST_F(WireServer, AnswersAGetOfARegisteredPathWithItsPage) {
  auto response = send("GET", "/metrics");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "up 1\n");
  EXPECT_EQ(header(*response, "Content-Type"), "text/plain; version=0.0.4");
  EXPECT_EQ(header(*response, "Cache-Control"), "no-store");
}

TEST_F(WireServer, RoutesOnThePathAloneIgnoringTheQuery) {
  auto reply = wire::call(Call{"GET", url("/metrics?name[]=up")});
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "up 1\n");
}

TEST_F(WireServer, AnswersAHeadWithoutABody) {
  auto reply = wire::call(Call{"HEAD", url("/metrics")});
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_TRUE(reply->body.empty());
}

TEST_F(WireServer, AnUnknownPathIsNotFound) {
  auto response = send("GET", "/nothing");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 404);
}

TEST_F(WireServer, APostIsRefusedWithTheMethodsItAllows) {
  auto response = send("POST", "/metrics");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(header(*response, "Allow"), "GET, HEAD");
}

TEST_F(WireServer, AHandlerThatThrowsIsA500AndTheServerGoesOnAnswering) {
  auto broken = send("GET", "/broken");
  ASSERT_TRUE(broken.ok()) << broken.error().message;
  EXPECT_EQ(broken->status, 500);
  auto next = send("GET", "/metrics");
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->status, 200);
}

TEST_F(WireServer, ARequestHeadLargerThan8KibIsRefused) {
  http::ClientRequest request;
  request.url = url("/metrics");
  request.headers = {{"X-Padding", std::string(9000, 'a')}};
  auto response = http::send(request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 431);
}

TEST_F(WireServer, AGarbledRequestIsABadRequest) {
  const int fd = connect_raw();
  ASSERT_GE(fd, 0);
  const std::string garbage = "HELLO THERE\r\n\r\n";
  ASSERT_EQ(write(fd, garbage.data(), garbage.size()), static_cast<ssize_t>(garbage.size()));
  char buffer[64] = {};
  const ssize_t got = read(fd, buffer, sizeof buffer - 1);
  close(fd);
  ASSERT_GT(got, 0);
  EXPECT_EQ(std::string(buffer, 12), "HTTP/1.1 400");
}

TEST_F(WireServer, ASilentClientIsDroppedAtItsDeadlineAndTheNextOneIsAnswered) {
  const int silent = connect_raw();
  ASSERT_GE(silent, 0);
  const auto start = std::chrono::steady_clock::now();
  auto reply = wire::call(Call{"GET", url("/metrics"), {}, {}, 5000ms});
  const auto waited = std::chrono::steady_clock::now() - start;
  close(silent);
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_LT(waited, 4s);  // the silent one held the server for its 2 s deadline at most
}

TEST_F(WireServer, StopEndsServePromptly) {
  m_server.stop();
  EXPECT_EQ(m_served.wait_for(2s), std::future_status::ready);
}

TEST(WireServerBind, ABusyPortIsUnavailableNamingHostAndPort) {
  Server first("127.0.0.1", 0);
  auto port = first.bind();
  ASSERT_TRUE(port.ok()) << port.error().message;
  Server second("127.0.0.1", *port);
  auto again = second.bind();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::unavailable);
  EXPECT_NE(again.error().message.find("127.0.0.1:" + std::to_string(*port)), std::string::npos)
      << again.error().message;
}

}  // namespace
}  // namespace harmony::wire
