// The wait-for-container binary against the real engine: the acceptance list of issue 5.
#include <gtest/gtest.h>

#include "DockerTestSupport.hpp"
#include "docker/EngineClient.hpp"
#include "support/NotifyReceiver.hpp"
#include "support/Process.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

const std::string k_tool = build_path("tools/wait-for-container/wait-for-container");
const std::string k_speaker = "harmony-test/speaker:latest";

class WaitForContainerTool : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(docker_engine_available(),
                    "Docker engine at /var/run/docker.sock (tests/harness/dockerd-up.sh)");
    ASSERT_TRUE(speaker_image_ready()) << "docker/test-images/build.sh speaker failed";
  }
  docker::EngineClient m_engine{"/var/run/docker.sock"};
};

TEST_F(WaitForContainerTool, DetectsStoppedThenRunningThenHealthy) {
  const auto name = unique_container_name("wfc_transitions");
  Process running(k_tool, {name, "20", "5", "running"});
  ASSERT_TRUE(eventually([&] { return running.output().empty() && running.pid() > 0; }, 1s));
  ScopedContainer container(name, {k_speaker}, true);
  ASSERT_TRUE(container.started());
  EXPECT_EQ(running.wait_for_exit(5s), 0) << running.output();
  EXPECT_NE(running.output().find("Container " + name + " is running (waited "), std::string::npos);

  Process healthy(k_tool, {"--name", name, "--timeout", "20s", "--state", "healthy", "--process",
                           "tidal_connect_application", "--stable", "1s"});
  EXPECT_EQ(healthy.wait_for_exit(25s), 0) << healthy.output();
  EXPECT_NE(healthy.output().find("is healthy"), std::string::npos);

  Process stopped(k_tool, {name, "20", "5", "stopped"});
  ASSERT_TRUE(m_engine.stop(name, 1s).ok());
  EXPECT_EQ(stopped.wait_for_exit(5s), 0) << stopped.output();
  EXPECT_NE(stopped.output().find("is stopped"), std::string::npos);
}

TEST_F(WaitForContainerTool, KillingTheNamedProcessMakesHealthyUnreachable) {
  ScopedContainer container("wfc_killproc", {k_speaker});
  ASSERT_TRUE(container.started());
  Process before(k_tool, {"--name", container.name(), "--timeout", "20s", "--state", "healthy",
                          "--process", "tidal_connect_application", "--stable", "0"});
  ASSERT_EQ(before.wait_for_exit(25s), 0) << before.output();
  auto killed = m_engine.exec(container.name(), {"sh", "-c", "kill -9 $(cat /tmp/app.pid)"});
  ASSERT_TRUE(killed.ok()) << killed.error().message;
  ASSERT_EQ(killed->exit_code, 0) << killed->stderr_text;
  Process after(k_tool, {"--name", container.name(), "--timeout", "2s", "--state", "healthy",
                         "--process", "tidal_connect_application"});
  EXPECT_EQ(after.wait_for_exit(5s), 1) << after.output();
  EXPECT_NE(after.output().find("process 'tidal_connect_application' missing"), std::string::npos)
      << after.output();
  EXPECT_NE(after.output().find("status running"), std::string::npos);
}

TEST_F(WaitForContainerTool, AFailingHealthCheckStaysNotHealthyWhileRunning) {
  ScopedContainer container("wfc_unhealthy", {"-e", "START_UNHEALTHY=1", k_speaker});
  ASSERT_TRUE(container.started());
  ASSERT_TRUE(eventually(
      [&] {
        auto state = m_engine.inspect(container.name());
        return state.ok() && state->health == "unhealthy";
      },
      15s));
  Process tool(k_tool, {container.name(), "2", "1", "healthy"});
  EXPECT_EQ(tool.wait_for_exit(5s), 1) << tool.output();
  EXPECT_NE(tool.output().find("status running, health unhealthy"), std::string::npos)
      << tool.output();
}

TEST_F(WaitForContainerTool, AShortNameIsNotSatisfiedByALongerOne) {
  const auto base = unique_container_name("tidal");
  ScopedContainer longer(base + "_connect2", {k_speaker}, true);
  ASSERT_TRUE(longer.started());
  Process tool(k_tool, {base, "1", "1", "running"});
  EXPECT_EQ(tool.wait_for_exit(5s), 1) << tool.output();
  EXPECT_NE(tool.output().find("container absent"), std::string::npos) << tool.output();
}

TEST_F(WaitForContainerTool, RemovalMidWaitForStoppedEndsPromptly) {
  ScopedContainer container("wfc_remove", {k_speaker});
  ASSERT_TRUE(container.started());
  Process tool(k_tool, {container.name(), "30", "10", "stopped"});
  ASSERT_FALSE(tool.wait_for_exit(300ms).has_value()) << tool.output();
  ASSERT_TRUE(m_engine.remove(container.name(), true).ok());
  const auto removed_at = std::chrono::steady_clock::now();
  EXPECT_EQ(tool.wait_for_exit(5s), 0) << tool.output();
  EXPECT_LT(std::chrono::steady_clock::now() - removed_at, 1s)
      << "an event, not the 10 s interval, must end it";
}

TEST_F(WaitForContainerTool, AWrongSocketPathExitsSixtyNineWithinOneSecondNamingIt) {
  const auto start = std::chrono::steady_clock::now();
  Process tool(k_tool, {"tidal_connect", "30", "1", "healthy"},
               {{"DOCKER_HOST", "unix:///nonexistent/engine.sock"}});
  EXPECT_EQ(tool.wait_for_exit(2s), 69) << tool.output();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_NE(tool.output().find("/nonexistent/engine.sock"), std::string::npos) << tool.output();
}

TEST_F(WaitForContainerTool, NotifyDeliversReadyWhenReached) {
  ScopedContainer container("wfc_notify", {k_speaker});
  ASSERT_TRUE(container.started());
  NotifyReceiver notify;
  Process tool(k_tool,
               {"--notify", "--name", container.name(), "--state", "running", "--timeout", "10s"},
               {{"NOTIFY_SOCKET", notify.socket_path()}});
  EXPECT_TRUE(notify.wait_for("READY=1", 10s).has_value()) << tool.output();
  EXPECT_EQ(tool.wait_for_exit(5s), 0) << tool.output();
}

TEST_F(WaitForContainerTool, BadInputExitsSixtyFourWithUsage) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"tidal_connect", "30", "1", "ready"},
        {"tidal_connect", "x", "1", "running"},
        {"bad/name", "30", "1", "running"}}) {
    Process tool(k_tool, args);
    EXPECT_EQ(tool.wait_for_exit(5s), 64) << tool.output();
    EXPECT_NE(tool.output().find("Usage"), std::string::npos);
  }
}

}  // namespace
}  // namespace harmony::testing
