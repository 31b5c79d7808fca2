// The real harmonyd binary as systemd and a newcomer see it: readiness protocol, signals,
// configuration errors and the liveness endpoints.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <future>

#include <fmt/format.h>

#include "HarmonydFixture.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

TEST(HarmonydProcess, SendsReadyOnlyAfterThePortAcceptsConnections) {
  HarmonydDirs dirs;
  NotifyReceiver notify;
  const int port = free_loopback_port();
  Process harmonyd(k_harmonyd, {}, dirs.env(port, notify.socket_path()));
  auto ready = notify.wait_for("READY=1", 10s);
  ASSERT_TRUE(ready.has_value()) << harmonyd.output();
  // At the moment READY=1 is received, a connection must already succeed.
  EXPECT_TRUE(port_accepts(port));
  harmonyd.signal(SIGTERM);
  EXPECT_EQ(harmonyd.wait_for_exit(5s), 0);
}

TEST(HarmonydProcess, SendsStoppingOnSigtermAndExitsZero) {
  HarmonydDirs dirs;
  NotifyReceiver notify;
  const int port = free_loopback_port();
  Process harmonyd(k_harmonyd, {}, dirs.env(port, notify.socket_path()));
  ASSERT_TRUE(notify.wait_for("READY=1", 10s).has_value()) << harmonyd.output();
  harmonyd.signal(SIGTERM);
  EXPECT_TRUE(notify.wait_for("STOPPING=1", 5s).has_value());
  EXPECT_EQ(harmonyd.wait_for_exit(5s), 0);
  EXPECT_FALSE(port_accepts(port));
}

TEST(HarmonydProcess, SigtermLetsARequestInFlightFinishBeforeExiting) {
  // A "slskd" that accepts connections and never answers keeps a readiness probe in flight
  // for HEALTH_DEP_TIMEOUT_MS.
  const int silent = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(silent, 8), 0);
  socklen_t length = sizeof address;
  ::getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length);
  RunningHarmonyd harmonyd(
      {{"SLSKD_URL", fmt::format("http://127.0.0.1:{}", ntohs(address.sin_port))},
       {"SLSKD_API_KEY", "k"},
       {"HEALTH_DEP_TIMEOUT_MS", "1500"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  // The startup status line probes slskd once too; let it time out and drop its connection.
  ASSERT_TRUE(harmonyd.notify.wait_for("STATUS=", 10s).has_value());
  ::fcntl(silent, F_SETFL, O_NONBLOCK);
  for (int stale = ::accept4(silent, nullptr, nullptr, SOCK_CLOEXEC); stale >= 0;
       stale = ::accept4(silent, nullptr, nullptr, SOCK_CLOEXEC)) {
    ::close(stale);
  }

  std::future<httplib::Result> answer = std::async(std::launch::async, [&harmonyd] {
    auto client = harmonyd.client();
    client.set_read_timeout(10s);
    return client.Get("/api/health/ready");
  });
  pollfd probe{silent, POLLIN, 0};
  ASSERT_EQ(::poll(&probe, 1, 5000), 1) << "the readiness probe never reached slskd";
  const int held = ::accept4(silent, nullptr, nullptr, SOCK_CLOEXEC);  // the request is in flight
  harmonyd.process->signal(SIGTERM);

  const httplib::Result result = answer.get();
  ASSERT_TRUE(result) << "the in-flight request was cut off";
  EXPECT_EQ(result->status, 503);  // slskd never answered: not ready, but answered
  EXPECT_EQ(harmonyd.process->wait_for_exit(5s), 0);
  ::close(held);
  ::close(silent);
}

TEST(HarmonydProcess, SigintEndsItWithExitZeroWithinOneSecond) {
  HarmonydDirs dirs;
  NotifyReceiver notify;
  const int port = free_loopback_port();
  Process harmonyd(k_harmonyd, {}, dirs.env(port, notify.socket_path()));
  ASSERT_TRUE(notify.wait_for("READY=1", 10s).has_value()) << harmonyd.output();
  const auto start = std::chrono::steady_clock::now();
  harmonyd.signal(SIGINT);
  EXPECT_EQ(harmonyd.wait_for_exit(1s), 0) << harmonyd.output();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(HarmonydProcess, ServesLivenessEndpoints) {
  HarmonydDirs dirs;
  NotifyReceiver notify;
  const int port = free_loopback_port();
  Process harmonyd(k_harmonyd, {}, dirs.env(port, notify.socket_path()));
  ASSERT_TRUE(notify.wait_for("READY=1", 10s).has_value()) << harmonyd.output();
  httplib::Client client("127.0.0.1", port);
  auto live = client.Get("/api/health/live");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200);
  EXPECT_EQ(nlohmann::json::parse(live->body), nlohmann::json({{"status", "ok"}}));
  auto versioned = client.Get("/live");
  ASSERT_TRUE(versioned);
  const auto body = nlohmann::json::parse(versioned->body);
  EXPECT_EQ(body.at("status"), "ok");
  EXPECT_FALSE(body.at("version").get<std::string>().empty());
}

TEST(HarmonydProcess, MalformedConfigExitsWithConfigErrorNamingFileAndLine) {
  HarmonydDirs dirs;
  TempDir dir;
  const std::string bad = dir.write("bad.yml", "APP_PORT: 8080\nAPP_HOST: [oops\nX: 1\n");
  Process harmonyd(k_harmonyd, {"--config", bad}, dirs.env(free_loopback_port()));
  EXPECT_EQ(harmonyd.wait_for_exit(5s), 78);
  const std::string& out = harmonyd.output();
  EXPECT_NE(out.find(bad + ":"), std::string::npos) << out;
  EXPECT_EQ(out.find("terminate called"), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
}

TEST(HarmonydProcess, InvalidPortInEnvironmentExitsWithConfigErrorNamingTheKey) {
  HarmonydDirs dirs;
  auto env = dirs.env(free_loopback_port());
  env["APP_PORT"] = "eighty";
  Process harmonyd(k_harmonyd, {}, env);
  EXPECT_EQ(harmonyd.wait_for_exit(5s), 78);
  EXPECT_NE(harmonyd.output().find("'APP_PORT' in environment"), std::string::npos)
      << harmonyd.output();
}

TEST(HarmonydProcess, UnknownOptionIsAUsageError) {
  HarmonydDirs dirs;
  Process harmonyd(k_harmonyd, {"--no-such-option"});
  EXPECT_EQ(harmonyd.wait_for_exit(5s), 64);
}

TEST(HarmonydProcess, BusyPortIsReportedAsUnavailable) {
  HarmonydDirs dirs;
  NotifyReceiver notify;
  const int port = free_loopback_port();
  Process first(k_harmonyd, {}, dirs.env(port, notify.socket_path()));
  ASSERT_TRUE(notify.wait_for("READY=1", 10s).has_value()) << first.output();
  Process second(k_harmonyd, {}, dirs.env(port));
  EXPECT_EQ(second.wait_for_exit(5s), 69);
  EXPECT_NE(second.output().find(std::to_string(port)), std::string::npos) << second.output();
}

}  // namespace
}  // namespace harmony::testing
