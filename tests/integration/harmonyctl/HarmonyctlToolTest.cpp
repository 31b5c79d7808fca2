// harmonyctl as a process against the real components a host may or may not have: the real
// Docker engine (a container whose name only starts with the asked one), no systemd and no
// Avahi on the bus, and dependencies that accept a connection but never answer.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/Process.hpp"
#include "support/Require.hpp"
#include "support/Testhost.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

const std::string k_tool = std::string(HARMONY_BUILD_DIR) + "/tools/harmonyctl/harmonyctl";
// No system bus at all: what a host without systemd (and so without avahi-daemon) looks like.
const std::map<std::string, std::string> k_no_bus = {
    {"DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/harmonyctl-test-bus"}};

struct ToolRun {
  int exit_code = -1;
  std::string output;
  std::chrono::milliseconds took{};
};

ToolRun harmonyctl(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = k_no_bus) {
  const auto started = std::chrono::steady_clock::now();
  Process process(k_tool, args, env);
  ToolRun run;
  run.exit_code = process.wait_for_exit(30s).value_or(-1);
  run.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  run.output = process.output();
  return run;
}

// A listening socket nobody ever accepts from: connects succeed, answers never come.
class SilentUnixSocket {
 public:
  explicit SilentUnixSocket(const std::string& path) : m_path(path) {
    m_fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, sizeof(address.sun_path) - 1);
    ::unlink(path.c_str());
    m_ok = ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
           ::listen(m_fd, 16) == 0;
  }
  ~SilentUnixSocket() {
    ::close(m_fd);
    ::unlink(m_path.c_str());
  }
  bool ok() const { return m_ok; }

 private:
  std::string m_path;
  int m_fd = -1;
  bool m_ok = false;
};

class SilentTcpPort {
 public:
  SilentTcpPort() {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        ::listen(m_fd, 16) == 0 &&
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      m_port = ntohs(address.sin_port);
    }
  }
  ~SilentTcpPort() { ::close(m_fd); }
  int port() const { return m_port; }

 private:
  int m_fd = -1;
  int m_port = 0;
};

bool docker_available() {
  return run_command({"/usr/bin/env", "docker", "info"}).exit_code == 0;
}

TEST(HarmonyctlTool, WithoutSystemdOrAvahiEachIsNamedAndTheExitIs69) {
  const ToolRun run = harmonyctl({"status", "--name", "Living Room"});
  EXPECT_EQ(run.exit_code, 69) << run.output;
  EXPECT_NE(run.output.find("systemd cannot be asked"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("avahi-daemon cannot be asked"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("systemctl start avahi-daemon"), std::string::npos) << run.output;
  EXPECT_LT(run.took, 5s);
}

TEST(HarmonyctlTool, ContainerWhoseNameOnlyStartsWithTheAskedOneIsNotIt) {
  HARMONY_REQUIRE(docker_available(), "no Docker engine (tests/harness/dockerd-up.sh)");
  const std::string name = "hs18ctl-" + std::to_string(::getpid());
  const std::string old = name + "_old";
  run_command({"/usr/bin/env", "docker", "rm", "-f", old});
  ASSERT_EQ(run_command({"/usr/bin/env", "docker", "run", "-d", "--name", old, "--network", "none",
                         "harmony-test/busybox:latest", "sleep", "300"})
                .exit_code,
            0);
  const ToolRun asked = harmonyctl({"status", "harmony", "--json", "--container", name});
  const ToolRun control = harmonyctl({"status", "harmony", "--json", "--container", old});
  run_command({"/usr/bin/env", "docker", "rm", "-f", old});

  const auto doc = nlohmann::json::parse(asked.output, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << asked.output;
  EXPECT_EQ(doc["container"]["name"], name);
  EXPECT_EQ(doc["container"]["exists"], false) << asked.output;
  // The control proves the engine was really asked: the exact name is found.
  const auto seen = nlohmann::json::parse(control.output, nullptr, false);
  ASSERT_FALSE(seen.is_discarded()) << control.output;
  EXPECT_EQ(seen["container"]["exists"], true) << control.output;
  EXPECT_EQ(seen["container"]["status"], "running");
}

TEST(HarmonyctlTool, DependenciesThatNeverAnswerAreBoundedByTheTimeout) {
  TempDir dir;
  SilentUnixSocket engine(dir.path() + "/docker.sock");
  SilentUnixSocket bus(dir.path() + "/bus");
  SilentTcpPort watchdog;
  ASSERT_TRUE(engine.ok() && bus.ok() && watchdog.port() != 0);
  const ToolRun run =
      harmonyctl({"status", "--name", "Den", "--timeout", "500ms", "--watchdog-url",
                  "http://127.0.0.1:" + std::to_string(watchdog.port()) + "/health"},
                 {{"DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + dir.path() + "/bus"},
                  {"DOCKER_HOST", "unix://" + dir.path() + "/docker.sock"}});
  EXPECT_EQ(run.exit_code, 69) << run.output;
  // systemd, Docker, Avahi and the watchdog, each at most about 500 ms.
  EXPECT_LT(run.took, 4s) << run.output;
  EXPECT_NE(run.output.find("systemd cannot be asked"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("Docker engine cannot be asked"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("avahi-daemon cannot be asked"), std::string::npos) << run.output;
}

TEST(HarmonyctlTool, UnknownStackIsAUsageError) {
  const ToolRun run = harmonyctl({"status", "tidal_connect_old"});
  EXPECT_EQ(run.exit_code, 64);
  EXPECT_NE(run.output.find("unknown stack 'tidal_connect_old'"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace harmony::testing
