// harmonyd as a process under hostile HTTP input with its default settings: bodies that hide
// their size (chunked, gzip) are refused at the body limit without being buffered (measured by
// the daemon's peak RSS), and a web page on another origin cannot change anything.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <functional>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/harmonyd/HarmonydFixture.hpp"

using namespace harmony::testing;

namespace {

constexpr std::size_t k_mib = std::size_t{1024} * 1024;
constexpr long k_allowed_growth_kb = 8 * 1024;

// VmHWM (peak resident set) of `pid` in kB, 0 when unreadable.
long peak_rss_kb(pid_t pid) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) {
      return std::stol(line.substr(6));
    }
  }
  return 0;
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Sends `head` and then whatever `body` writes (it stops early when the server stops reading),
// and returns the start of the reply.
std::string exchange(int port, const std::string& head, const std::function<void(int)>& body) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
      send_all(fd, head.data(), head.size())) {
    body(fd);
    char buffer[512];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    reply.assign(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  ::close(fd);
  return reply;
}

std::string gzip_of_zeros(std::size_t size) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  const std::string zeros(k_mib, '\0');
  std::string out(size / 512 + 1024, '\0');
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  for (std::size_t done = 0; done < size; done += zeros.size()) {
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    stream.avail_in = static_cast<uInt>(zeros.size());
    deflate(&stream, done + zeros.size() >= size ? Z_FINISH : Z_NO_FLUSH);
  }
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

class HostileHttp : public ::testing::Test {
 protected:
  RunningHarmonyd harmonyd{{{"HTTP_MAX_BODY_BYTES", "4096"}}};
  void SetUp() override { ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output(); }
};

}  // namespace

TEST_F(HostileHttp, AChunkedBodyOverTheLimitIsRefusedWith413WithoutBeingBuffered) {
  const long before = peak_rss_kb(harmonyd.process->pid());
  ASSERT_GT(before, 0);
  const std::string reply = exchange(
      harmonyd.port,
      "POST /api/v1/downloads HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
      [](int fd) {
        const std::string chunk = fmt::format("{:x}\r\n{}\r\n", k_mib, std::string(k_mib, ' '));
        for (int i = 0; i < 64 && send_all(fd, chunk.data(), chunk.size()); ++i) {
        }
        send_all(fd, "0\r\n\r\n", 5);
      });
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply;
  EXPECT_NE(reply.find("PAYLOAD_TOO_LARGE"), std::string::npos) << reply;
  EXPECT_LT(peak_rss_kb(harmonyd.process->pid()) - before, k_allowed_growth_kb);
}

TEST_F(HostileHttp, AGzipBombIsRefusedWith413WithoutBeingInflated) {
  const std::string bomb = gzip_of_zeros(64 * k_mib);
  ASSERT_LT(bomb.size(), 256 * 1024U);
  const long before = peak_rss_kb(harmonyd.process->pid());
  // Chunked, so no Content-Length gives the size away before inflating.
  const std::string reply = exchange(harmonyd.port,
                                     "POST /api/v1/downloads HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                                     "Transfer-Encoding: chunked\r\n\r\n",
                                     [&](int fd) {
                                       const std::string chunk = fmt::format(
                                           "{:x}\r\n{}\r\n0\r\n\r\n", bomb.size(), bomb);
                                       send_all(fd, chunk.data(), chunk.size());
                                     });
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply;
  EXPECT_LT(peak_rss_kb(harmonyd.process->pid()) - before, k_allowed_growth_kb);
}

TEST_F(HostileHttp, ABodyWithinTheLimitStillReachesTheHandler) {
  auto client = harmonyd.client();
  const auto reply = client.Post("/api/v1/downloads", R"({"artist":"A"})", "application/json");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400) << reply->body;  // validated by the route, not refused as a body
  EXPECT_NE(reply->body.find("title"), std::string::npos) << reply->body;
}

TEST_F(HostileHttp, ACrossOriginTextPlainPostQueuesNothingWithDefaultSettings) {
  // What any web page can send without a CORS preflight: a "simple" request.
  auto client = harmonyd.client();
  const auto reply = client.Post("/api/v1/downloads", {{"Origin", "http://evil.example"}},
                                 R"({"artist":"A","title":"T"})", "text/plain");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 403) << reply->body;
  EXPECT_FALSE(reply->has_header("Access-Control-Allow-Origin"));
  // Same page, same origin as harmonyd but the wrong content type: still never parsed.
  const auto typed =
      client.Post("/api/v1/downloads", R"({"artist":"A","title":"T"})", "text/plain");
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->status, 415) << typed->body;
  const auto list = client.Get("/api/v1/downloads");
  ASSERT_TRUE(list);
  EXPECT_EQ(nlohmann::json::parse(list->body)["items"].size(), 0U) << list->body;
}

TEST_F(HostileHttp, OnlyTheImportRouteTakesAMultipartBodyEveryOtherGetsA415NamingJson) {
  auto client = harmonyd.client();
  const std::string body =
      "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.txt\"\r\n\r\n"
      "A - T\r\n--b1--\r\n";
  const auto refused = client.Post("/api/v1/downloads", body, "multipart/form-data; boundary=b1");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 415) << refused->body;
  EXPECT_NE(refused->body.find("send JSON"), std::string::npos) << refused->body;
  const auto accepted = client.Post("/api/v1/imports", body, "multipart/form-data; boundary=b1");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 202) << accepted->body;
  // A body the parser cannot split, and one without the file part: clear 400s, nothing stored.
  const auto torn = client.Post("/api/v1/imports", body.substr(0, body.size() - 10),
                                "multipart/form-data; boundary=b1");
  ASSERT_TRUE(torn);
  EXPECT_EQ(torn->status, 400) << torn->body;
  EXPECT_NE(torn->body.find("multipart/form-data"), std::string::npos) << torn->body;
  const auto unnamed = client.Post(
      "/api/v1/imports",
      "--b1\r\nContent-Disposition: form-data; name=\"list\"\r\n\r\nA - T\r\n--b1--\r\n",
      "multipart/form-data; boundary=b1");
  ASSERT_TRUE(unnamed);
  EXPECT_EQ(unnamed->status, 400) << unnamed->body;
  EXPECT_NE(unnamed->body.find("no part named 'file'"), std::string::npos) << unnamed->body;
  // A form on another site may post multipart without a preflight: refused like any write.
  const auto cross = client.Post("/api/v1/imports", {{"Origin", "http://evil.example"}}, body,
                                 "multipart/form-data; boundary=b1");
  ASSERT_TRUE(cross);
  EXPECT_EQ(cross->status, 403) << cross->body;
  const auto listed = client.Get("/api/v1/imports");
  ASSERT_TRUE(listed);
  EXPECT_EQ(nlohmann::json::parse(listed->body)["items"].size(), 1U) << listed->body;
  const auto live = client.Get("/api/health/live");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200);
}

TEST_F(HostileHttp, AChunkedMultipartUploadOverTheLimitIsRefusedWith413WithoutBeingBuffered) {
  const long before = peak_rss_kb(harmonyd.process->pid());
  ASSERT_GT(before, 0);
  // One file part of 64 MiB, and one part whose header line never ends.
  for (const std::string part_head :
       {"--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\n",
        "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\""}) {
    const std::string reply = exchange(
        harmonyd.port,
        "POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=b1\r\nTransfer-Encoding: chunked\r\n\r\n",
        [&](int fd) {
          const std::string head = fmt::format("{:x}\r\n{}\r\n", part_head.size(), part_head);
          send_all(fd, head.data(), head.size());
          const std::string chunk = fmt::format("{:x}\r\n{}\r\n", k_mib, std::string(k_mib, 'a'));
          for (int i = 0; i < 64 && send_all(fd, chunk.data(), chunk.size()); ++i) {
          }
          send_all(fd, "0\r\n\r\n", 5);
        });
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 413") || reply.starts_with("HTTP/1.1 400")) << reply;
    EXPECT_LT(peak_rss_kb(harmonyd.process->pid()) - before, k_allowed_growth_kb) << part_head;
  }
  auto client = harmonyd.client();
  const auto listed = client.Get("/api/v1/imports");
  ASSERT_TRUE(listed);
  EXPECT_EQ(nlohmann::json::parse(listed->body)["items"].size(), 0U) << listed->body;
}

TEST_F(HostileHttp, TheDefaultCorsPolicyIsSameOrigin) {
  auto client = harmonyd.client();
  const auto reply = client.Get("/api/v1/downloads", {{"Origin", "http://evil.example"}});
  ASSERT_TRUE(reply);
  EXPECT_FALSE(reply->has_header("Access-Control-Allow-Origin"));
  const auto preflight = client.Options(
      "/api/v1/downloads",
      {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(preflight);
  EXPECT_FALSE(preflight->has_header("Access-Control-Allow-Methods"));
}
