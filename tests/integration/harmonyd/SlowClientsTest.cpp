// harmonyd as a process against clients that hold connections open without finishing their
// requests (slowloris): other clients must still be served promptly, and the systemd watchdog
// must stop being fed once requests cannot be served any more.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "integration/harmonyd/HarmonydFixture.hpp"

using namespace harmony::testing;
using namespace std::chrono_literals;

namespace {

// A TCP connection to harmonyd's port, or -1.
int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// `count` connections that each sent half a request and add one header line per second, never
// finishing it (each send stays well inside the server's read timeout).
class SlowClients {
 public:
  SlowClients(int port, int count) {
    for (int i = 0; i < count; ++i) {
      if (const int fd = connect_loopback(port); fd >= 0) {
        static constexpr std::string_view k_start = "GET /api/health/live HTTP/1.1\r\nHost: x\r\n";
        ::send(fd, k_start.data(), k_start.size(), MSG_NOSIGNAL);
        m_fds.push_back(fd);
      }
    }
    m_dribble = std::thread([this] {
      while (!m_stop) {
        for (const int fd : m_fds) {
          ::send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
        }
        for (int i = 0; i < 10 && !m_stop; ++i) {
          std::this_thread::sleep_for(100ms);
        }
      }
    });
  }
  ~SlowClients() {
    m_stop = true;
    m_dribble.join();
    for (const int fd : m_fds) {
      ::close(fd);
    }
  }
  std::size_t connected() const { return m_fds.size(); }

 private:
  std::vector<int> m_fds;
  std::atomic<bool> m_stop{false};
  std::thread m_dribble;
};

// Milliseconds of one GET on a fresh connection; a failure counts as 10 s.
double timed_live(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(10s);
  client.set_read_timeout(10s);
  const auto start = std::chrono::steady_clock::now();
  const auto reply = client.Get("/api/health/live");
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return reply && reply->status == 200 ? ms : 10'000.0;
}

// `count` connections that each send a request one header line every 300 ms — always inside
// the read timeout, never finishing — and note when the server ends each of them.
class TricklingClients {
 public:
  TricklingClients(int port, int count) {
    for (int i = 0; i < count; ++i) {
      const int fd = connect_loopback(port);
      if (fd < 0) {
        continue;
      }
      static constexpr std::string_view k_start = "POST /api/v1/downloads HTTP/1.1\r\nHost: x\r\n";
      ::send(fd, k_start.data(), k_start.size(), MSG_NOSIGNAL);
      m_fds.push_back(fd);
      m_connected.push_back(std::chrono::steady_clock::now());
    }
    m_ended_after.assign(m_fds.size(), std::nullopt);
    m_replies.assign(m_fds.size(), std::string());
    m_thread = std::thread([this] { trickle(); });
  }
  ~TricklingClients() {
    m_stop = true;
    m_thread.join();
    for (const int fd : m_fds) {
      ::close(fd);
    }
  }
  std::size_t connected() const { return m_fds.size(); }
  bool all_ended() const {
    const std::lock_guard lock(m_mutex);
    return std::all_of(m_ended_after.begin(), m_ended_after.end(),
                       [](const auto& ended) { return ended.has_value(); });
  }
  // Seconds from connecting until the server ended each connection (nullopt: still open).
  std::vector<std::optional<double>> ended_after() const {
    const std::lock_guard lock(m_mutex);
    return m_ended_after;
  }
  std::vector<std::string> replies() const {
    const std::lock_guard lock(m_mutex);
    return m_replies;
  }

 private:
  void trickle() {
    while (!m_stop) {
      for (std::size_t i = 0; i < m_fds.size(); ++i) {
        const std::lock_guard lock(m_mutex);
        if (m_ended_after[i]) {
          continue;
        }
        std::array<char, 512> buffer{};
        const auto got = ::recv(m_fds[i], buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (got > 0) {
          m_replies[i].append(buffer.data(), static_cast<std::size_t>(got));
          continue;  // the end of the connection follows the reply
        }
        if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
          m_ended_after[i] =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - m_connected[i])
                  .count();
          continue;
        }
        ::send(m_fds[i], "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
      }
      for (int i = 0; i < 30 && !m_stop; ++i) {
        std::this_thread::sleep_for(10ms);
      }
    }
  }

  std::vector<int> m_fds;
  std::vector<std::chrono::steady_clock::time_point> m_connected;
  mutable std::mutex m_mutex;
  std::vector<std::optional<double>> m_ended_after;
  std::vector<std::string> m_replies;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

int watchdog_pings(NotifyReceiver& notify, std::chrono::milliseconds window) {
  int pings = 0;
  const auto until = std::chrono::steady_clock::now() + window;
  while (std::chrono::steady_clock::now() < until) {
    const auto message = notify.next(std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now()));
    pings += message && message->find("WATCHDOG=1") != std::string::npos ? 1 : 0;
  }
  return pings;
}

}  // namespace

TEST(SlowClients, TwoHundredSlowConnectionsDoNotDelayTheLivenessProbe) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  const SlowClients slow(harmonyd.port, 200);
  ASSERT_EQ(slow.connected(), 200U);
  std::vector<double> ms;
  for (int i = 0; i < 100; ++i) {
    ms.push_back(timed_live(harmonyd.port));
  }
  std::sort(ms.begin(), ms.end());
  const double p99 = ms[98];
  EXPECT_LE(p99, 50.0) << "median " << ms[50] << " ms, max " << ms.back() << " ms";
}

TEST(SlowClients, TheWatchdogIsFedOnlyWhileRequestsAreServed) {
  // Two workers and two connections at most: two slow clients wedge the server completely.
  RunningHarmonyd harmonyd(
      {{"HTTP_WORKERS", "2"}, {"HTTP_MAX_CONNECTIONS", "2"}, {"WATCHDOG_USEC", "1000000"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  EXPECT_GE(watchdog_pings(harmonyd.notify, 2s), 2) << "fed while serving (every 0.5 s)";
  {
    const SlowClients slow(harmonyd.port, 2);
    ASSERT_EQ(slow.connected(), 2U);
    watchdog_pings(harmonyd.notify, 600ms);  // a probe that started before the wedge may pass
    EXPECT_EQ(watchdog_pings(harmonyd.notify, 2s), 0) << "no worker can answer, so no pings";
  }
  EXPECT_GE(watchdog_pings(harmonyd.notify, 3s), 2) << "fed again once requests are served";
}

TEST(SlowClients, TricklingRequestsAreCutOffAtTheRequestDeadline) {
  // Each trickling client keeps every read inside the 5 s read timeout: only the deadline for
  // the whole request can end them.
  RunningHarmonyd harmonyd(std::map<std::string, std::string>{{"HTTP_REQUEST_DEADLINE", "2s"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  const TricklingClients trickling(harmonyd.port, 50);
  ASSERT_EQ(trickling.connected(), 50U);
  std::vector<double> ms;
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  while (!trickling.all_ended() && std::chrono::steady_clock::now() < give_up) {
    ms.push_back(timed_live(harmonyd.port));
    std::this_thread::sleep_for(10ms);  // pacing of the probe, not a wait for a condition
  }
  const auto ended = trickling.ended_after();
  const auto replies = trickling.replies();
  for (std::size_t i = 0; i < ended.size(); ++i) {
    ASSERT_TRUE(ended[i].has_value()) << "connection " << i << " still open after 10 s";
    EXPECT_GE(*ended[i], 1.9) << "connection " << i << " was cut before the deadline";
    EXPECT_LE(*ended[i], 3.5) << "connection " << i << " outlived the 2 s deadline";
    if (!replies[i].empty()) {
      EXPECT_TRUE(replies[i].starts_with("HTTP/1.1 408")) << replies[i];
      EXPECT_NE(replies[i].find("REQUEST_TIMEOUT"), std::string::npos) << replies[i];
    }
  }
  EXPECT_TRUE(std::any_of(replies.begin(), replies.end(), [](const std::string& reply) {
    return !reply.empty();
  })) << "no trickling client was told 408";
  ASSERT_GE(ms.size(), 50U);
  std::sort(ms.begin(), ms.end());
  const double p99 = ms[ms.size() * 99 / 100];
  EXPECT_LE(p99, 50.0) << ms.size() << " probes, median " << ms[ms.size() / 2] << " ms, max "
                       << ms.back() << " ms";
}
