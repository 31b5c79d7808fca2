// lib/wire's Socket and exchange over a real unix socket whose far end the test plays: silent,
// answering in pieces, or hanging up, as a stuck or dying engine would.
#include "wire/Exchange.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <future>
#include <string>
#include <thread>

#include "support/Process.hpp"
#include "wire/Canceller.hpp"
#include "wire/Socket.hpp"

namespace harmony::wire {
namespace {

using namespace std::chrono_literals;

// Listens on a unix socket in a temporary directory; accept() hands over one connection.
class UnixPeer {
 public:
  UnixPeer() : m_path(m_dir.file("engine.sock")) {
    m_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, m_path.c_str(), sizeof address.sun_path - 1);
    if (bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        listen(m_fd, 4) != 0) {
      throw std::runtime_error("cannot listen on " + m_path);
    }
  }
  ~UnixPeer() { close(m_fd); }

  const std::string& path() const { return m_path; }
  int accept_one() const { return accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC); }

 private:
  testing::TempDir m_dir;
  std::string m_path;
  int m_fd = -1;
};

void send_text(int fd, const std::string& text) {
  ASSERT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

Deadline in(std::chrono::milliseconds duration) {
  return std::chrono::steady_clock::now() + duration;
}

TEST(WireExchange, ConnectingToAMissingSocketSaysSoWithEnoent) {
  testing::TempDir dir;
  auto socket = Socket::connect_unix(dir.file("absent.sock"), in(1s), nullptr);
  ASSERT_FALSE(socket.ok());
  EXPECT_EQ(socket.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(socket.error().native_code, ENOENT);
  EXPECT_NE(socket.error().message.find("absent.sock"), std::string::npos);
}

TEST(WireExchange, ReadsAChunkedStreamAsItArrivesUntilTheLastChunk) {
  UnixPeer peer;
  std::string seen;
  auto engine = std::async(std::launch::async, [&] {
    const int fd = peer.accept_one();
    char request[1024];
    [[maybe_unused]] auto got = read(fd, request, sizeof request);
    send_text(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");
    std::this_thread::sleep_for(50ms);  // the second chunk comes later, as events do
    send_text(fd, "6\r\nsecond\r\n0\r\n\r\n");
    close(fd);
  });
  auto socket = Socket::connect_unix(peer.path(), in(1s), nullptr);
  ASSERT_TRUE(socket.ok()) << socket.error().message;
  auto status = exchange(
      *socket, Request{"GET", "/events", "docker"}, in(5s), nullptr, [](const ResponseHead&) {},
      [&](std::string_view bytes) {
        seen += bytes;
        return true;
      });
  engine.get();
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(*status, 200);
  EXPECT_EQ(seen, "firstsecond");
}

TEST(WireExchange, ACancelledStreamOfASilentPeerReturnsPromptlyWithItsStatus) {
  UnixPeer peer;
  Canceller canceller;
  std::promise<void> opened;
  auto engine = std::async(std::launch::async, [&] {
    const int fd = peer.accept_one();
    send_text(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    return fd;  // held open and silent until the test ends
  });
  auto socket = Socket::connect_unix(peer.path(), in(1s), &canceller);
  ASSERT_TRUE(socket.ok()) << socket.error().message;
  auto call = std::async(std::launch::async, [&] {
    return exchange(
        *socket, Request{"GET", "/events", "docker"}, k_no_deadline, &canceller,
        [&](const ResponseHead&) { opened.set_value(); }, [](std::string_view) { return true; });
  });
  ASSERT_EQ(opened.get_future().wait_for(5s), std::future_status::ready);
  const auto start = std::chrono::steady_clock::now();
  canceller.cancel();
  ASSERT_EQ(call.wait_for(2s), std::future_status::ready);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  auto status = call.get();
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(*status, 200);
  close(engine.get());
}

TEST(WireExchange, ADeadlineEndsACallToASilentPeerAsTimedOut) {
  UnixPeer peer;
  auto engine = std::async(std::launch::async, [&] { return peer.accept_one(); });
  auto socket = Socket::connect_unix(peer.path(), in(1s), nullptr);
  ASSERT_TRUE(socket.ok()) << socket.error().message;
  auto status = exchange(
      *socket, Request{"GET", "/_ping", "docker"}, in(300ms), nullptr, [](const ResponseHead&) {},
      [](std::string_view) { return true; });
  close(engine.get());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(status.error().native_code, ETIMEDOUT);
}

TEST(WireExchange, APeerHangingUpInsideTheBodyIsAnErrorNamingTheSocket) {
  UnixPeer peer;
  auto engine = std::async(std::launch::async, [&] {
    const int fd = peer.accept_one();
    char request[1024];
    [[maybe_unused]] auto got = read(fd, request, sizeof request);
    send_text(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
    close(fd);
  });
  auto socket = Socket::connect_unix(peer.path(), in(1s), nullptr);
  ASSERT_TRUE(socket.ok()) << socket.error().message;
  auto status = exchange(
      *socket, Request{"GET", "/info", "docker"}, in(5s), nullptr, [](const ResponseHead&) {},
      [](std::string_view) { return true; });
  engine.get();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find(peer.path()), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("closed before the response body ended"),
            std::string::npos);
}

TEST(WireExchange, CancellingASleepWakesItAtOnce) {
  Canceller canceller;
  auto sleeper = std::async(std::launch::async, [&] { return canceller.sleep_for(10s); });
  canceller.cancel();
  ASSERT_EQ(sleeper.wait_for(2s), std::future_status::ready);
  EXPECT_FALSE(sleeper.get());
  EXPECT_TRUE(Canceller().sleep_for(1ms));
}

}  // namespace
}  // namespace harmony::wire
