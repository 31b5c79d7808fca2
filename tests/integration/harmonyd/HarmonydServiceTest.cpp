// harmonyd's HTTP surface, readiness, self-check and store as a running process with real
// directories, a real SQLite file and real signals.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>

#include "HarmonydFixture.hpp"
#include "fakes/FakeSlskd.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// A read-only bind mount of a directory onto itself (root ignores permission bits, so chmod
// cannot make a directory read-only for these tests). Unmounted by the destructor.
class ReadOnlyMount {
 public:
  explicit ReadOnlyMount(std::string path) : m_path(std::move(path)) {
    m_ok = ::mount(m_path.c_str(), m_path.c_str(), nullptr, MS_BIND, nullptr) == 0;
    if (m_ok &&
        ::mount(nullptr, m_path.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
      ::umount(m_path.c_str());
      m_ok = false;
    }
  }
  ~ReadOnlyMount() {
    if (m_ok) {
      ::umount(m_path.c_str());
    }
  }
  bool ok() const { return m_ok; }

 private:
  std::string m_path;
  bool m_ok = false;
};

json get_json(httplib::Client& client, const std::string& path, int expected_status) {
  auto response = client.Get(path);
  if (!response) {
    ADD_FAILURE() << "no answer from " << path;
    return {};
  }
  EXPECT_EQ(response->status, expected_status) << path << ": " << response->body;
  return json::parse(response->body, nullptr, false);
}

TEST(HarmonydService, FreshStartIsReadyWithWalDatabaseAndSlskdNotConfigured) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  const json ready = get_json(client, "/api/health/ready?verbose=1", 200);
  EXPECT_EQ(ready["status"], "ok");
  EXPECT_EQ(ready["checks"]["slskd"]["status"], "not_configured");
  EXPECT_EQ(ready["checks"]["spotify"]["status"], "not_configured");
  EXPECT_EQ(ready["checks"]["database"]["wal"], true);
  EXPECT_EQ(ready["checks"]["database"]["quick_check"], "ok");
  EXPECT_TRUE(std::filesystem::exists(harmonyd.dirs.config + "/harmony.db"));
  EXPECT_EQ(get_json(client, "/api/health/ready", 200), json({{"status", "ok"}}));
  EXPECT_EQ(get_json(client, "/api/health/ready?verbose=2", 422)["error"]["code"],
            "VALIDATION_ERROR");
}

TEST(HarmonydService, ReadOnlyMusicDirectoryFailsReadinessAndSelfcheckExits71) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  ReadOnlyMount read_only(harmonyd.dirs.music);
  HARMONY_REQUIRE(read_only.ok(), "a read-only bind mount needs root with CAP_SYS_ADMIN");
  auto client = harmonyd.client();
  // A readiness result is reused for a second after it was evaluated (ReadinessCache), so the
  // mount shows once the next evaluation runs.
  ASSERT_TRUE(eventually(
      [&] {
        const auto response = client.Get("/api/health/ready");
        return response && response->status == 503;
      },
      5s, 100ms));
  const json ready = get_json(client, "/api/health/ready", 503);
  EXPECT_EQ(ready["status"], "fail");
  EXPECT_EQ(ready["checks"]["paths"]["music"]["writable"], false);

  Process selfcheck(k_harmonyd, {"selfcheck", "--assert-startup"},
                    harmonyd.dirs.env(harmonyd.port));
  EXPECT_EQ(selfcheck.wait_for_exit(10s), 71) << selfcheck.output();
  EXPECT_NE(selfcheck.output().find(harmonyd.dirs.music), std::string::npos) << selfcheck.output();
  EXPECT_NE(selfcheck.output().find("MUSIC_DIR"), std::string::npos) << selfcheck.output();
}

TEST(HarmonydService, SelfcheckPassesOnAHealthyInstallAndPrintsJson) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  Process selfcheck(k_harmonyd, {"selfcheck", "--assert-startup", "--json"},
                    harmonyd.dirs.env(harmonyd.port));
  ASSERT_EQ(selfcheck.wait_for_exit(10s), 0) << selfcheck.output();
  const json report = json::parse(selfcheck.output(), nullptr, false);
  EXPECT_EQ(report["status"], "ok") << selfcheck.output();
}

TEST(HarmonydService, ConfiguredButUnreachableSlskdFailsReadinessAndSelfcheckExits69) {
  const int closed_port = free_loopback_port();
  RunningHarmonyd harmonyd(Env{{"SLSKD_URL", "http://127.0.0.1:" + std::to_string(closed_port)}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  const json ready = get_json(client, "/api/health/ready", 503);
  EXPECT_EQ(ready["checks"]["slskd"]["status"], "fail");
  auto env = harmonyd.dirs.env(harmonyd.port);
  env["SLSKD_URL"] = "http://127.0.0.1:" + std::to_string(closed_port);
  Process selfcheck(k_harmonyd, {"selfcheck", "--assert-startup"}, env);
  EXPECT_EQ(selfcheck.wait_for_exit(10s), 69) << selfcheck.output();
  EXPECT_NE(selfcheck.output().find("SLSKD_URL"), std::string::npos) << selfcheck.output();
}

TEST(HarmonydService, ReachableSlskdWithTheRightKeyIsReadyAndAWrongKeyIsAConfigError) {
  fakes::FakeSlskd slskd("slskd-key");
  RunningHarmonyd harmonyd(Env{{"SLSKD_URL", slskd.url()}, {"SLSKD_API_KEY", "slskd-key"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  EXPECT_EQ(get_json(client, "/api/health/ready?verbose=1", 200)["checks"]["slskd"]["status"],
            "ok");
  auto env = harmonyd.dirs.env(harmonyd.port);
  env["SLSKD_URL"] = slskd.url();
  env["SLSKD_API_KEY"] = "wrong";
  Process selfcheck(k_harmonyd, {"selfcheck", "--assert-startup"}, env);
  EXPECT_EQ(selfcheck.wait_for_exit(10s), 78) << selfcheck.output();
  EXPECT_EQ(selfcheck.output().find("wrong"), std::string::npos)
      << "the key leaked: " << selfcheck.output();
}

TEST(HarmonydService, ApiKeysGuardStatusButNotLiveness) {
  RunningHarmonyd harmonyd(Env{{"HARMONY_API_KEYS", "k1"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  auto missing = client.Get("/api/v1/status");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 401);
  EXPECT_TRUE(missing->has_header("WWW-Authenticate"));
  EXPECT_EQ(client.Get("/api/v1/status", {{"X-API-Key", "nope"}})->status, 403);
  EXPECT_EQ(client.Get("/api/v1/status", {{"X-API-Key", "k1"}})->status, 200);
  EXPECT_EQ(client.Get("/api/v1/status", {{"Authorization", "Bearer k1"}})->status, 200);
  EXPECT_EQ(client.Get("/api/health/live")->status, 200);
  const json env = get_json(client, "/env", 401);
  EXPECT_EQ(env["error"]["code"], "AUTH_REQUIRED");
}

TEST(HarmonydService, EnvRedactsSecretsAndSaysWhenTheApiIsOpen) {
  RunningHarmonyd harmonyd(Env{{"SLSKD_API_KEY", "s3cr3t-value"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  auto response = client.Get("/env");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body.find("s3cr3t-value"), std::string::npos);
  const json env = json::parse(response->body);
  EXPECT_EQ(env["keys"]["SLSKD_API_KEY"]["value"], "[redacted]");
  EXPECT_EQ(env["auth"]["enabled"], false);
  EXPECT_TRUE(env["auth"].contains("warning"));
  EXPECT_NE(harmonyd.process->output().find("HARMONY_API_KEYS"), std::string::npos);
}

TEST(HarmonydService, ErrorsUseTheEnvelopeAndRequestIdsAreEchoed) {
  RunningHarmonyd harmonyd(Env{{"HTTP_MAX_BODY_BYTES", "2048"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  auto missing = client.Get("/no/such/route", {{"X-Request-ID", "req-42"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("X-Request-ID"), "req-42");
  EXPECT_EQ(json::parse(missing->body)["ok"], false);
  auto wrong_method = client.Delete("/api/v1/status");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(json::parse(wrong_method->body)["error"]["code"], "METHOD_NOT_ALLOWED");
  auto too_large = client.Post("/api/v1/status", std::string(4096, 'x'), "application/json");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 413);
  EXPECT_EQ(json::parse(too_large->body)["error"]["code"], "PAYLOAD_TOO_LARGE");
  EXPECT_FALSE(client.Get("/api/health/live")->get_header_value("X-Request-ID").empty());
}

TEST(HarmonydService, RateLimitAnswers429WithRetryAfter) {
  RunningHarmonyd harmonyd(
      Env{{"RATE_LIMIT_BUCKET_CAP", "3"}, {"RATE_LIMIT_REFILL_PER_SEC", "0.1"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.Get("/api/v1/status")->status, 200);
  }
  auto limited = client.Get("/api/v1/status");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "10");
  EXPECT_EQ(client.Get("/api/health/live")->status, 200);
}

TEST(HarmonydService, PromtoolAcceptsTheMetrics) {
  HARMONY_REQUIRE(std::filesystem::exists("/usr/bin/promtool"),
                  "promtool (Debian package prometheus) is not installed");
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  ASSERT_EQ(client.Get("/api/health/ready")->status, 200);
  auto metrics = client.Get("/api/v1/metrics");
  ASSERT_TRUE(metrics);
  ASSERT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Cache-Control"), "no-store");
  for (const char* name :
       {"harmony_build_info", "process_resident_memory_bytes", "process_cpu_seconds_total",
        "process_open_fds", "harmony_http_requests_total",
        "harmony_http_request_duration_seconds_bucket", "harmony_db_writes_total",
        "harmony_readiness_check", "harmony_ready"}) {
    EXPECT_NE(metrics->body.find(name), std::string::npos) << name;
  }
  const std::string file = harmonyd.dirs.root.write("metrics.txt", metrics->body);
  Process promtool("/bin/sh", {"-c", "promtool check metrics < " + file});
  EXPECT_EQ(promtool.wait_for_exit(30s), 0) << promtool.output() << "\n" << metrics->body;
}

TEST(HarmonydService, SighupAppliesANewKeyAndKeepsTheOldConfigOnError) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  EXPECT_EQ(client.Get("/api/v1/status")->status, 200);

  harmonyd.dirs.root.write("config/.env", "HARMONY_API_KEYS=k9\n");
  harmonyd.process->signal(SIGHUP);
  ASSERT_TRUE(harmonyd.process->wait_for_output("configuration reloaded", 5s))
      << harmonyd.process->output();
  EXPECT_EQ(client.Get("/api/v1/status")->status, 401);

  harmonyd.dirs.root.write("config/.env", "HARMONY_API_KEYS=k9\nRATE_LIMIT_BUCKET_CAP=lots\n");
  harmonyd.process->signal(SIGHUP);
  ASSERT_TRUE(harmonyd.process->wait_for_output("keeping the current configuration", 5s))
      << harmonyd.process->output();
  EXPECT_NE(harmonyd.process->output().find("'RATE_LIMIT_BUCKET_CAP'"), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/status", {{"X-API-Key", "k9"}})->status, 200);
  harmonyd.process->signal(SIGTERM);
  EXPECT_EQ(harmonyd.process->wait_for_exit(5s), 0);
}

TEST(HarmonydService, CorruptDatabaseExits71WithTheIntegrityResultAndDbResetRecreatesIt) {
  HarmonydDirs dirs;
  std::filesystem::create_directories(dirs.config);
  dirs.root.write("config/harmony.db", std::string(8192, 'G'));
  const int port = free_loopback_port();
  Process corrupt(k_harmonyd, {}, dirs.env(port));
  EXPECT_EQ(corrupt.wait_for_exit(10s), 71);
  EXPECT_NE(corrupt.output().find("integrity check"), std::string::npos) << corrupt.output();
  EXPECT_NE(corrupt.output().find("file is not a database"), std::string::npos) << corrupt.output();
  EXPECT_NE(corrupt.output().find("DB_RESET=1"), std::string::npos) << corrupt.output();

  NotifyReceiver notify;
  auto env = dirs.env(port, notify.socket_path());
  env["DB_RESET"] = "1";
  Process reset(k_harmonyd, {}, env);
  ASSERT_TRUE(notify.wait_for("READY=1", 10s).has_value()) << reset.output();
  httplib::Client client("127.0.0.1", port);
  EXPECT_EQ(
      get_json(client, "/api/health/ready?verbose=1", 200)["checks"]["database"]["quick_check"],
      "ok");
}

}  // namespace
}  // namespace harmony::testing
