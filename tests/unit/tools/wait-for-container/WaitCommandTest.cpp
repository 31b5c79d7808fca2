#include <gtest/gtest.h>

#include <cstdio>

#include "WaitCommand.hpp"
#include "fakes/FakeContainerRuntime.hpp"

namespace harmony::wait_for_container {
namespace {

using namespace std::chrono_literals;

class RecordingNotifier final : public systemd::Notifier {
 public:
  std::vector<std::string> sent;

 protected:
  void send(const std::string& message) noexcept override { sent.push_back(message); }
};

// Captures what the command prints to a stream.
class Capture {
 public:
  Capture() : m_file(std::tmpfile()) {}
  ~Capture() { std::fclose(m_file); }
  std::FILE* file() const { return m_file; }
  std::string text() const {
    std::fflush(m_file);
    std::rewind(m_file);
    std::string out;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, m_file) != nullptr) {
      out += buffer;
    }
    return out;
  }

 private:
  std::FILE* m_file;
};

containers::ContainerState state(const std::string& name, const std::string& status,
                                 const std::string& health = "") {
  containers::ContainerState s;
  s.name = name;
  s.status = status;
  s.health = health;
  return s;
}

Options options(containers::TargetState target) {
  Options o;
  o.name = "tidal_connect";
  o.state = target;
  o.timeout = 300ms;
  o.interval = 50ms;
  return o;
}

TEST(WaitForContainer, ReturnsWhenHealthAndProcessAgree) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(state("tidal_connect", "running", "healthy"));
  runtime.set_processes("tidal_connect", {"/app/bin/tidal_connect_application"});
  auto o = options(containers::TargetState::healthy);
  o.process = "tidal_connect_application";
  RecordingNotifier notifier;
  Capture out;
  Capture err;
  EXPECT_EQ(wait_and_report(o, runtime, notifier, out.file(), err.file()), 0) << err.text();
  EXPECT_EQ(out.text().rfind("Container tidal_connect is healthy (waited ", 0), 0u) << out.text();
}

TEST(WaitForContainer, TimesOutWithExitOneSayingTheProcessIsMissing) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(state("tidal_connect", "running", "healthy"));
  runtime.set_processes("tidal_connect", {"sleep 100"});
  auto o = options(containers::TargetState::healthy);
  o.process = "tidal_connect_application";
  RecordingNotifier notifier;
  Capture out;
  Capture err;
  EXPECT_EQ(wait_and_report(o, runtime, notifier, out.file(), err.file()), 1);
  EXPECT_NE(err.text().find(
                "did not become healthy within 300ms; last seen: status running, health healthy, "
                "process 'tidal_connect_application' missing"),
            std::string::npos)
      << err.text();
}

TEST(WaitForContainer, IsNotSatisfiedByAContainerWhoseNameOnlyStartsTheSame) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(state("tidal_connect2", "running"));
  auto o = options(containers::TargetState::running);
  o.name = "tidal";
  RecordingNotifier notifier;
  Capture out;
  Capture err;
  EXPECT_EQ(wait_and_report(o, runtime, notifier, out.file(), err.file()), 1);
}

TEST(WaitForContainer, SendsReadyOnlyWithNotifyAndOnlyWhenReached) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(state("tidal_connect", "running"));
  auto o = options(containers::TargetState::running);
  RecordingNotifier quiet;
  Capture out;
  Capture err;
  ASSERT_EQ(wait_and_report(o, runtime, quiet, out.file(), err.file()), 0);
  EXPECT_EQ(std::count(quiet.sent.begin(), quiet.sent.end(), "READY=1"), 0);
  o.notify = true;
  RecordingNotifier notifying;
  ASSERT_EQ(wait_and_report(o, runtime, notifying, out.file(), err.file()), 0);
  EXPECT_EQ(std::count(notifying.sent.begin(), notifying.sent.end(), "READY=1"), 1);
}

TEST(WaitForContainer, ExitsSixtyNineWhenTheEngineIsUnreachable) {
  fakes::FakeContainerRuntime runtime;
  runtime.fail_with(
      make_error(ErrorKind::unavailable, "Docker engine at /nope.sock is unreachable"));
  RecordingNotifier notifier;
  Capture out;
  Capture err;
  EXPECT_EQ(wait_and_report(options(containers::TargetState::running), runtime, notifier,
                            out.file(), err.file()),
            69);
  EXPECT_NE(err.text().find("/nope.sock"), std::string::npos);
}

TEST(WaitForContainer, RejectsAnInvalidProcessRegexWithUsageExit) {
  fakes::FakeContainerRuntime runtime;
  auto o = options(containers::TargetState::healthy);
  o.process = "(unclosed";
  RecordingNotifier notifier;
  Capture out;
  Capture err;
  EXPECT_EQ(wait_and_report(o, runtime, notifier, out.file(), err.file()), 64);
}

}  // namespace
}  // namespace harmony::wait_for_container
