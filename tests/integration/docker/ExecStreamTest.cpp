// lib/docker's streamed exec against the real engine: output as it arrives, the exit code at the
// end, refusals, and the command's stdin closing when the stream is destroyed.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <optional>

#include "DockerTestSupport.hpp"
#include "docker/DockerRuntime.hpp"
#include "docker/EngineClient.hpp"
#include "support/Require.hpp"

namespace harmony::docker {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::ScopedContainer;

const std::string k_busybox = "harmony-test/busybox:latest";

// What one exec stream delivered, filled from its thread.
struct Received {
  std::mutex mutex;
  std::string out;
  std::string err;
  std::optional<Result<int>> end;

  std::string stdout_text() {
    std::lock_guard lock(mutex);
    return out;
  }
  bool ended() {
    std::lock_guard lock(mutex);
    return end.has_value();
  }
};

std::unique_ptr<Subscription> stream_into(EngineClient& engine, const std::string& container,
                                          const std::vector<std::string>& argv,
                                          Received& received) {
  return engine.exec_stream(
      container, argv,
      [&received](bool from_stderr, std::string_view bytes) {
        std::lock_guard lock(received.mutex);
        (from_stderr ? received.err : received.out).append(bytes);
      },
      [&received](Result<int> exit_code) {
        std::lock_guard lock(received.mutex);
        received.end = std::move(exit_code);
      });
}

class ExecStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(testing::docker_engine_available(),
                    "Docker engine at /var/run/docker.sock (tests/harness/dockerd-up.sh)");
  }
  EngineClient m_engine{"/var/run/docker.sock"};
};

TEST_F(ExecStreamTest, DeliversOutputAsItArrivesThenTheExitCode) {
  ScopedContainer container("exec_stream", {k_busybox, "sleep", "300"});
  ASSERT_TRUE(container.started());
  Received received;
  // The second line is only printed once the first has reached us (a file the test creates).
  auto stream =
      stream_into(m_engine, container.name(),
                  {"sh", "-c",
                   "echo first; while [ ! -e /tmp/go ]; do sleep 0.05; done; echo second; "
                   "echo complaint >&2; exit 3"},
                  received);
  ASSERT_TRUE(eventually([&] { return received.stdout_text() == "first\n"; }, 10s))
      << received.stdout_text();
  EXPECT_FALSE(received.ended());
  ASSERT_TRUE(m_engine.exec(container.name(), {"touch", "/tmp/go"}).ok());
  ASSERT_TRUE(eventually([&] { return received.ended(); }, 10s));
  std::lock_guard lock(received.mutex);
  EXPECT_EQ(received.out, "first\nsecond\n");
  EXPECT_EQ(received.err, "complaint\n");
  ASSERT_TRUE(received.end->ok()) << received.end->error().message;
  EXPECT_EQ(**received.end, 3);
}

TEST_F(ExecStreamTest, AStoppedContainerIsARefusalNamingIt) {
  ScopedContainer container("exec_stream_stopped", {k_busybox, "sleep", "300"});
  ASSERT_TRUE(container.started());
  ASSERT_TRUE(m_engine.kill(container.name()).ok());
  ASSERT_TRUE(eventually(
      [&] {
        auto s = m_engine.inspect(container.name());
        return s.ok() && s->status != "running";
      },
      10s));
  Received received;
  auto stream = stream_into(m_engine, container.name(), {"true"}, received);
  ASSERT_TRUE(eventually([&] { return received.ended(); }, 10s));
  std::lock_guard lock(received.mutex);
  ASSERT_FALSE(received.end->ok());
  EXPECT_NE(received.end->error().message.find(container.name()), std::string::npos)
      << received.end->error().message;
}

TEST_F(ExecStreamTest, TheStreamEndsWhenTheContainerStops) {
  ScopedContainer container("exec_stream_kill", {k_busybox, "sleep", "300"});
  ASSERT_TRUE(container.started());
  Received received;
  auto stream = stream_into(m_engine, container.name(),
                            {"sh", "-c", "while :; do echo tick; sleep 0.1; done"}, received);
  ASSERT_TRUE(eventually([&] { return !received.stdout_text().empty(); }, 10s));
  ASSERT_TRUE(m_engine.kill(container.name()).ok());
  EXPECT_TRUE(eventually([&] { return received.ended(); }, 10s));
}

// The bridge relies on this to leave no capture loop behind: closing the stream gives the
// command EOF on its stdin.
TEST_F(ExecStreamTest, DestroyingTheStreamClosesTheCommandsStdin) {
  ScopedContainer container("exec_stream_stdin", {k_busybox, "sleep", "300"});
  ASSERT_TRUE(container.started());
  DockerRuntime runtime(m_engine);
  Received received;
  auto stream = runtime.exec_stream(
      container.name(), {"sh", "-c", "echo listening; cat; touch /tmp/stdin-closed"},
      [&received](bool, std::string_view bytes) {
        std::lock_guard lock(received.mutex);
        received.out.append(bytes);
      },
      [](Result<int>) {});
  ASSERT_TRUE(eventually([&] { return received.stdout_text() == "listening\n"; }, 10s));
  const auto before = m_engine.exec(container.name(), {"test", "-e", "/tmp/stdin-closed"});
  ASSERT_TRUE(before.ok());
  EXPECT_NE(before->exit_code, 0);
  const auto cancelled = std::chrono::steady_clock::now();
  stream.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled, 2s)
      << "cancelling must not wait for the command";
  EXPECT_TRUE(eventually(
      [&] {
        auto after = m_engine.exec(container.name(), {"test", "-e", "/tmp/stdin-closed"});
        return after.ok() && after->exit_code == 0;
      },
      10s));
}

}  // namespace
}  // namespace harmony::docker
