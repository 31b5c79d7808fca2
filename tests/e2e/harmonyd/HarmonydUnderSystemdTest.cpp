// harmonyd as a Type=notify service under a real systemd (PID 1 in a test host container):
// the unit becomes active only once the daemon serves, journald receives its structured
// fields, and a stop is clean.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fmt/format.h>

#include "support/Process.hpp"
#include "support/Require.hpp"
#include "support/Testhost.hpp"

namespace harmony::testing {
namespace {

constexpr const char* k_unit = "harmonyd-e2e.service";

std::string unit_text(int port) {
  return fmt::format(R"([Unit]
Description=harmonyd (e2e test)

[Service]
Type=notify
ExecStart=/usr/local/bin/harmonyd
Environment=APP_HOST=127.0.0.1 APP_PORT={}
WatchdogSec=10s
TimeoutStopSec=5s

[Install]
WantedBy=multi-user.target
)",
                     port);
}

class HarmonydUnderSystemd : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(run_command({"/usr/bin/env", "docker", "info"}).exit_code == 0,
                    "no Docker engine (tests/harness/dockerd-up.sh starts one)");
    m_host = std::make_unique<Testhost>("harmony-e2e-harmonyd");
    ASSERT_TRUE(m_host->started()) << m_host->start_output();
    m_port = free_loopback_port();
    ASSERT_TRUE(m_host->copy_in(build_path("daemons/harmonyd/harmonyd"), "/usr/local/bin/harmonyd",
                                "0755"));
    ASSERT_TRUE(
        m_host->write_file(std::string("/etc/systemd/system/") + k_unit, unit_text(m_port)));
    ASSERT_EQ(m_host->exec({"systemctl", "daemon-reload"}).exit_code, 0);
  }

  std::unique_ptr<Testhost> m_host;
  int m_port = 0;
};

TEST_F(HarmonydUnderSystemd, StartReturnsOnlyOnceTheDaemonServes) {
  // For Type=notify, `systemctl start` blocks until READY=1; so when it returns the port must
  // already answer.
  auto start = m_host->exec({"systemctl", "start", k_unit});
  ASSERT_EQ(start.exit_code, 0) << start.output
                                << m_host->exec({"journalctl", "-u", k_unit, "--no-pager"}).output;
  EXPECT_EQ(m_host->exec({"systemctl", "is-active", k_unit}).output, "active\n");
  httplib::Client client("127.0.0.1", m_port);
  auto live = client.Get("/api/health/live");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200);
  EXPECT_NE(m_host->exec({"systemctl", "show", "-p", "StatusText", k_unit}).output.find("serving"),
            std::string::npos);
}

TEST_F(HarmonydUnderSystemd, JournalHoldsStructuredFields) {
  ASSERT_EQ(m_host->exec({"systemctl", "start", k_unit}).exit_code, 0);
  auto journal = m_host->exec(
      {"journalctl", "-u", k_unit, "-o", "verbose", "--no-pager", "SYSLOG_IDENTIFIER=harmonyd"});
  EXPECT_NE(journal.output.find(fmt::format("PORT={}", m_port)), std::string::npos)
      << journal.output;
  EXPECT_NE(journal.output.find("PRIORITY=6"), std::string::npos) << journal.output;
}

TEST_F(HarmonydUnderSystemd, StopIsCleanAndLogged) {
  ASSERT_EQ(m_host->exec({"systemctl", "start", k_unit}).exit_code, 0);
  ASSERT_EQ(m_host->exec({"systemctl", "stop", k_unit}).exit_code, 0);
  EXPECT_EQ(m_host->exec({"systemctl", "is-active", k_unit}).output, "inactive\n");
  auto result = m_host->exec({"systemctl", "show", "-p", "Result", k_unit});
  EXPECT_EQ(result.output, "Result=success\n");
  auto journal = m_host->exec({"journalctl", "-u", k_unit, "--no-pager", "-o", "cat"});
  EXPECT_NE(journal.output.find("received SIGTERM, stopping"), std::string::npos) << journal.output;
}

}  // namespace
}  // namespace harmony::testing
