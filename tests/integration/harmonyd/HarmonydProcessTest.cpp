// The real harmonyd binary as systemd and a newcomer see it: readiness protocol, signals,
// configuration errors and the liveness endpoints.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>

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
