// lib/docker against the real engine: every call, typed errors, streams and their cancellation.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "DockerTestSupport.hpp"
#include "docker/EngineClient.hpp"
#include "support/Require.hpp"

namespace harmony::docker {
namespace {

using namespace std::chrono_literals;
using testing::docker_cli;
using testing::eventually;
using testing::ScopedContainer;

const std::string k_busybox = "harmony-test/busybox:latest";

class EngineClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(testing::docker_engine_available(),
                    "Docker engine at /var/run/docker.sock (tests/harness/dockerd-up.sh)");
  }
  EngineClient m_engine{"/var/run/docker.sock"};
};

TEST_F(EngineClientTest, NegotiatesTheApiVersionWithPing) {
  auto version = m_engine.api_version();
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(version->rfind("v1.", 0), 0u) << *version;
}

TEST_F(EngineClientTest, InspectsARunningContainer) {
  ScopedContainer container("engine_inspect", {k_busybox, "sleep", "300"});
  ASSERT_TRUE(container.started());
  auto state = m_engine.inspect(container.name());
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->name, container.name());
  EXPECT_EQ(state->status, "running");
  EXPECT_EQ(state->health, "");
  EXPECT_FALSE(state->tty);
}

TEST_F(EngineClientTest, ReportsAMissingContainerAsNotFound) {
  auto state = m_engine.inspect("harmony_no_such_container_here");
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, ErrorKind::not_found);
  EXPECT_EQ(state.error().native_code, 404);
}

TEST_F(EngineClientTest, ReportsAnUnreachableEngineNamingTheSocket) {
  EngineClient missing("/nonexistent/docker.sock");
  auto state = missing.inspect("x1");
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, ErrorKind::unavailable);
  EXPECT_NE(state.error().message.find("/nonexistent/docker.sock"), std::string::npos);
}

TEST_F(EngineClientTest, ListsWithFiltersAndShowsTopProcesses) {
  ScopedContainer container("engine_list",
                            {"--label", "harmony.test=list", k_busybox, "sleep", "301"});
  ASSERT_TRUE(container.started());
  auto listed = m_engine.list({{"label", {"harmony.test=list"}}, {"name", {container.name()}}});
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().names.front(), container.name());
  EXPECT_EQ(listed->front().state, "running");
  auto top = m_engine.top(container.name());
  ASSERT_TRUE(top.ok()) << top.error().message;
  const auto lines = top->command_lines();
  EXPECT_NE(std::find(lines.begin(), lines.end(), "sleep 301"), lines.end());
}

TEST_F(EngineClientTest, ExecCapturesStdoutStderrAndExitCodeOnAReusedConnection) {
  ScopedContainer container("engine_exec", {k_busybox, "sleep", "300"});
  ASSERT_TRUE(container.started());
  for (int round = 0; round < 5; ++round) {
    auto output = m_engine.exec(container.name(), {"sh", "-c", "echo out; echo err >&2; exit 3"});
    ASSERT_TRUE(output.ok()) << output.error().message;
    EXPECT_EQ(output->stdout_text, "out\n");
    EXPECT_EQ(output->stderr_text, "err\n");
    EXPECT_EQ(output->exit_code, 3);
  }
}

TEST_F(EngineClientTest, ReadsLogsDemultiplexedAndRawForTtyContainers) {
  ScopedContainer plain("engine_logs",
                        {k_busybox, "sh", "-c", "echo to-out; echo to-err >&2; sleep 300"});
  ScopedContainer tty("engine_logs_tty", {"-t", k_busybox, "sh", "-c", "echo on-tty; sleep 300"});
  ASSERT_TRUE(plain.started() && tty.started());
  std::vector<containers::LogLine> lines;
  ASSERT_TRUE(eventually(
      [&] {
        auto got = m_engine.logs(plain.name(), {0, true, "all"});
        lines = got.ok() ? *got : std::vector<containers::LogLine>{};
        return lines.size() >= 2;
      },
      10s));
  bool saw_out = false;
  bool saw_err = false;
  for (const auto& line : lines) {
    saw_out |= line.text == "to-out" && !line.from_stderr && !line.timestamp.empty();
    saw_err |= line.text == "to-err" && line.from_stderr;
  }
  EXPECT_TRUE(saw_out && saw_err);
  ASSERT_TRUE(eventually(
      [&] {
        auto got = m_engine.logs(tty.name(), {0, false, "all"});
        return got.ok() && !got->empty() && got->front().text == "on-tty";
      },
      10s));
}

TEST_F(EngineClientTest, FollowsLogsUntilTheContainerStops) {
  ScopedContainer container(
      "engine_follow", {k_busybox, "sh", "-c", "sleep 0.5; echo line-a; sleep 0.5; echo line-b"});
  ASSERT_TRUE(container.started());
  std::mutex mutex;
  std::vector<std::string> texts;
  std::atomic<bool> ended{false};
  std::atomic<bool> ended_ok{false};
  auto follow = m_engine.follow_logs(
      container.name(), {0, false, "all"},
      [&](const containers::LogLine& line) {
        std::lock_guard lock(mutex);
        texts.push_back(line.text);
      },
      [&](Result<void> result) {
        ended_ok = result.ok();
        ended = true;
      });
  ASSERT_TRUE(eventually([&] { return ended.load(); }, 15s));
  EXPECT_TRUE(ended_ok);
  std::lock_guard lock(mutex);
  EXPECT_EQ(texts, (std::vector<std::string>{"line-a", "line-b"}));
}

TEST_F(EngineClientTest, StreamsEventsAndCancelsPromptly) {
  std::mutex mutex;
  std::vector<std::string> actions;
  std::atomic<bool> connected{false};
  const auto name = testing::unique_container_name("engine_events");
  auto events = m_engine.events(
      {{"container", {name}}}, {[&](const containers::ContainerEvent& event) {
                                  std::lock_guard lock(mutex);
                                  if (event.name == name) {
                                    actions.push_back(event.action);
                                  }
                                },
                                [&](bool up, const std::string&) { connected = connected || up; }});
  ASSERT_TRUE(eventually([&] { return connected.load(); }, 5s));
  {
    ScopedContainer container(name, {k_busybox, "sleep", "300"}, true);
    ASSERT_TRUE(container.started());
    ASSERT_TRUE(m_engine.kill(name, "SIGKILL").ok());
  }
  EXPECT_TRUE(eventually(
      [&] {
        std::lock_guard lock(mutex);
        return std::find(actions.begin(), actions.end(), "destroy") != actions.end();
      },
      10s));
  std::lock_guard lock(mutex);
  EXPECT_EQ(actions.front(), "create");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "die"), actions.end());
  const auto start = std::chrono::steady_clock::now();
  events.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 500ms)
      << "cancelling a stream must not wait for data";
}

TEST_F(EngineClientTest, StartsStopsWaitsAndRemoves) {
  ScopedContainer container("engine_lifecycle", {k_busybox, "sleep", "300"});
  ASSERT_TRUE(container.started());
  ASSERT_TRUE(m_engine.stop(container.name(), 1s).ok());
  auto waited = m_engine.wait(container.name(), "not-running", 5s);
  ASSERT_TRUE(waited.ok()) << waited.error().message;
  EXPECT_EQ(m_engine.inspect(container.name())->status, "exited");
  EXPECT_TRUE(m_engine.stop(container.name(), 1s).ok())
      << "stopping a stopped container is success (304)";
  ASSERT_TRUE(m_engine.start(container.name()).ok());
  EXPECT_EQ(m_engine.inspect(container.name())->status, "running");
  ASSERT_TRUE(m_engine.kill(container.name(), "SIGKILL").ok());
  ASSERT_TRUE(m_engine.wait(container.name(), "not-running", 5s).ok());
  auto refused = m_engine.kill(container.name(), "SIGKILL");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::invalid);
  EXPECT_EQ(refused.error().native_code, 409);
  ASSERT_TRUE(m_engine.remove(container.name(), true).ok());
  EXPECT_EQ(m_engine.inspect(container.name()).error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace harmony::docker
