// harmony-watchdog as a Type=notify service under a real systemd (PID 1 in a test host
// container), supervising test units whose ExecStart runs sibling containers on the real engine.
// The failures are driven from the test: a log line, an operator's stop, a target that never
// becomes healthy.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <functional>
#include <thread>

#include <fmt/format.h>

#include "support/Process.hpp"
#include "support/Require.hpp"
#include "support/Testhost.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_image = "harmony-test/busybox:latest";
constexpr const char* k_watchdog_unit = "harmony-watchdog-e2e.service";

// A speaker stand-in: prints the failure line when /tmp/trigger appears. `$0` names the process
// so the watchdog's process pattern finds it in `top`.
std::string target_unit(const std::string& container, const std::string& name) {
  return fmt::format(R"([Unit]
Description=watchdog e2e target {0}

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStartPre=-/usr/bin/docker rm -f {0}
ExecStart=/usr/bin/docker run -d --name {0} --network none --label org.harmony.test=watchdog {1} sh -c 'echo started; while :; do if [ -f /tmp/trigger ]; then rm /tmp/trigger; echo "[error] Token is expired"; fi; sleep 0.05; done' {2}
ExecStop=/usr/bin/docker rm -f {0}
)",
                     container, k_image, name);
}

constexpr const char* k_dependent_unit = R"([Unit]
Description=watchdog e2e dependent

[Service]
ExecStart=/bin/sleep infinity
)";

std::string watchdog_config(int port, const std::string& suffix) {
  return fmt::format(R"(log_level: info
http: {{host: 127.0.0.1, port: {0}}}
targets:
  - name: speaker
    unit: wd-speaker.service
    container: wd_speaker_{1}
    process: fake-speaker
    dependents: [wd-dependent.service]
    rules:
      - reason: token_expired
        patterns: ['Token is expired']
    policy:
      grace: 0s
      cooldown: {{initial: 1s, cap: 4s, reset_after: 1m}}
    timeouts: {{stop: 10s, start: 20s, healthy: 10s, stable: 300ms}}
  - name: broken
    unit: wd-broken.service
    container: wd_broken_{1}
    process: no-such-process
    policy:
      grace: 0s
      cooldown: {{initial: 500ms, cap: 2s, reset_after: 1m}}
      give_up: {{restarts: 3, within: 30m}}
    timeouts: {{stop: 10s, start: 20s, healthy: 1s, stable: 0s}}
)",
                     port, suffix);
}

std::string watchdog_unit() {
  return R"([Unit]
Description=harmony-watchdog (e2e)

[Service]
Type=notify
ExecStart=/usr/local/bin/harmony-watchdog --config /etc/harmony/watchdog.yml
WatchdogSec=10s
TimeoutStopSec=10s
)";
}

Testhost::Result docker(std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/env", "docker"});
  return run_command(args);
}

bool poll(std::chrono::milliseconds limit, const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

class WatchdogUnderSystemd : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(run_command({"/usr/bin/env", "docker", "info"}).exit_code == 0,
                    "no Docker engine (tests/harness/dockerd-up.sh starts one)");
    m_host = std::make_unique<Testhost>("harmony-e2e-watchdog");
    ASSERT_TRUE(m_host->started()) << m_host->start_output();
    m_suffix = std::to_string(::getpid());
    m_speaker = "wd_speaker_" + m_suffix;
    m_broken = "wd_broken_" + m_suffix;
    m_port = free_loopback_port();
    ASSERT_EQ(m_host->exec({"mkdir", "-p", "/etc/harmony"}).exit_code, 0);
    ASSERT_TRUE(m_host->copy_in(build_path("daemons/harmony-watchdog/harmony-watchdog"),
                                "/usr/local/bin/harmony-watchdog", "0755"));
    ASSERT_TRUE(m_host->write_file("/etc/harmony/watchdog.yml", watchdog_config(m_port, m_suffix)));
    ASSERT_TRUE(m_host->write_file("/etc/systemd/system/wd-speaker.service",
                                   target_unit(m_speaker, "fake-speaker")));
    ASSERT_TRUE(m_host->write_file("/etc/systemd/system/wd-broken.service",
                                   target_unit(m_broken, "broken-speaker")));
    ASSERT_TRUE(m_host->write_file("/etc/systemd/system/wd-dependent.service", k_dependent_unit));
    ASSERT_TRUE(
        m_host->write_file(std::string("/etc/systemd/system/") + k_watchdog_unit, watchdog_unit()));
    ASSERT_EQ(m_host->exec({"systemctl", "daemon-reload"}).exit_code, 0);
    for (const char* unit : {"wd-speaker.service", "wd-dependent.service"}) {
      auto started = m_host->exec({"systemctl", "start", unit});
      ASSERT_EQ(started.exit_code, 0) << unit << ": " << started.output;
    }
    auto started = m_host->exec({"systemctl", "start", k_watchdog_unit});
    ASSERT_EQ(started.exit_code, 0) << started.output << journal(k_watchdog_unit);
  }

  void TearDown() override {
    if (m_host) {
      m_host->exec({"systemctl", "stop", k_watchdog_unit});
    }
    docker({"rm", "-f", m_speaker, m_broken});
  }

  std::string journal(const std::string& unit, const std::string& format = "short") const {
    return m_host->exec({"journalctl", "-u", unit, "--no-pager", "-o", format}).output;
  }
  std::string show(const std::string& unit, const std::string& property) const {
    std::string out = m_host->exec({"systemctl", "show", "-p", property, "--value", unit}).output;
    while (!out.empty() && out.back() == '\n') {
      out.pop_back();
    }
    return out;
  }
  std::string container_id(const std::string& name) const {
    auto inspected = docker({"inspect", "-f", "{{.Id}}", name});
    return inspected.exit_code == 0 ? inspected.output : std::string();
  }
  std::string metrics() const {
    httplib::Client client("127.0.0.1", m_port);
    auto response = client.Get("/metrics");
    return response ? response->body : std::string();
  }

  std::unique_ptr<Testhost> m_host;
  std::string m_suffix;
  std::string m_speaker;
  std::string m_broken;
  int m_port = 0;
};

TEST_F(WatchdogUnderSystemd, TokenExpiredLineRestartsTheUnitAndItsDependent) {
  const std::string old_id = container_id(m_speaker);
  ASSERT_FALSE(old_id.empty());
  const std::string dependent_run = show("wd-dependent.service", "InvocationID");
  // READY=1 (systemctl start returned) comes after the log follower was created; lines written
  // before it connects are still delivered because it follows from the current second.
  const auto triggered = std::chrono::steady_clock::now();
  ASSERT_EQ(docker({"exec", m_speaker, "touch", "/tmp/trigger"}).exit_code, 0);

  // The stop job is issued within 1 s: the journal's monotonic stamp of the ACTION=stop record
  // (CLOCK_MONOTONIC is shared by every container on the kernel) against the trigger.
  std::string stop_record;
  ASSERT_TRUE(poll(5s, [&] {
    stop_record = m_host
                      ->exec({"journalctl", "-u", k_watchdog_unit, "--no-pager", "-o", "json",
                              "ACTION=stop", "TARGET=speaker"})
                      .output;
    return stop_record.find("__MONOTONIC_TIMESTAMP") != std::string::npos;
  })) << journal(k_watchdog_unit);
  const std::string key = "\"__MONOTONIC_TIMESTAMP\":\"";
  const auto at = stop_record.find(key) + key.size();
  const long long stop_us = std::stoll(stop_record.substr(at, stop_record.find('"', at) - at));
  const long long triggered_us =
      std::chrono::duration_cast<std::chrono::microseconds>(triggered.time_since_epoch()).count();
  EXPECT_LT(stop_us - triggered_us, 1'000'000)
      << "stop issued " << (stop_us - triggered_us) << " us after the trigger";

  // Recreated, running, and the dependent restarted.
  ASSERT_TRUE(poll(20s, [&] {
    const std::string id = container_id(m_speaker);
    return !id.empty() && id != old_id && show("wd-speaker.service", "ActiveState") == "active";
  })) << journal(k_watchdog_unit);
  ASSERT_TRUE(poll(20s, [&] {
    return journal(k_watchdog_unit, "cat").find("speaker: recovered") != std::string::npos;
  })) << journal(k_watchdog_unit);
  EXPECT_NE(show("wd-dependent.service", "InvocationID"), dependent_run);
  EXPECT_EQ(show("wd-dependent.service", "ActiveState"), "active");

  // One structured record carries the reason.
  const std::string reasons = m_host
                                  ->exec({"journalctl", "-u", k_watchdog_unit, "--no-pager", "-o",
                                          "cat", "--output-fields=MESSAGE", "REASON=token_expired"})
                                  .output;
  EXPECT_EQ(std::count(reasons.begin(), reasons.end(), '\n'), 1) << reasons;
  const std::string verbose = journal(k_watchdog_unit, "verbose");
  EXPECT_NE(verbose.find("TARGET=speaker"), std::string::npos);
  EXPECT_NE(verbose.find("MATCHED_LINE=[error] Token is expired"), std::string::npos) << verbose;
  EXPECT_NE(
      metrics().find("watchdog_restarts_total{target=\"speaker\",reason=\"token_expired\"} 1"),
      std::string::npos);
}

TEST_F(WatchdogUnderSystemd, OperatorStopIsNotFought) {
  ASSERT_EQ(m_host->exec({"systemctl", "stop", "wd-speaker.service"}).exit_code, 0);
  // Absence of a restart can only be observed over a window: 3 s is three cooldowns.
  EXPECT_FALSE(poll(3s, [&] { return show("wd-speaker.service", "ActiveState") != "inactive"; }))
      << journal(k_watchdog_unit);
  EXPECT_EQ(journal(k_watchdog_unit, "cat").find("restarting wd-speaker"), std::string::npos)
      << journal(k_watchdog_unit);
}

TEST_F(WatchdogUnderSystemd, TargetThatNeverBecomesHealthyBacksOffAndGivesUp) {
  ASSERT_EQ(m_host->exec({"systemctl", "start", "wd-broken.service"}).exit_code, 0);
  ASSERT_TRUE(poll(5s, [&] { return !container_id(m_broken).empty(); }));
  ASSERT_EQ(docker({"kill", m_broken}).exit_code, 0);  // a `die` event

  ASSERT_TRUE(poll(60s,
                   [&] {
                     return show(k_watchdog_unit, "StatusText").find("broken GAVE UP") !=
                            std::string::npos;
                   }))
      << show(k_watchdog_unit, "StatusText") << "\n"
      << journal(k_watchdog_unit);
  EXPECT_NE(metrics().find("watchdog_gave_up{target=\"broken\"} 1"), std::string::npos);
  const std::string log = journal(k_watchdog_unit, "cat");
  EXPECT_NE(log.find("giving up after 3 restarts"), std::string::npos) << log;
  // Backoff: the failed recoveries announce growing waits (1 s, then 2 s = the cap).
  EXPECT_NE(log.find("next attempt in 1s"), std::string::npos) << log;
  EXPECT_NE(log.find("next attempt in 2s"), std::string::npos) << log;
}

}  // namespace
}  // namespace harmony::testing
