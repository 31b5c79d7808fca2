#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "systemd/Notifier.hpp"

namespace harmony::systemd {
namespace {

class RecordingNotifier final : public Notifier {
 public:
  std::vector<std::string> sent;

 protected:
  void send(const std::string& message) noexcept override { sent.push_back(message); }
};

TEST(Notifier, SendsTheProtocolAssignments) {
  RecordingNotifier notifier;
  notifier.ready();
  notifier.status("serving");
  notifier.watchdog();
  notifier.reloading();
  notifier.stopping();
  EXPECT_EQ(notifier.sent, (std::vector<std::string>{"READY=1", "STATUS=serving", "WATCHDOG=1",
                                                     "RELOADING=1", "STOPPING=1"}));
}

TEST(Notifier, StatusIsOneBoundedLine) {
  RecordingNotifier notifier;
  notifier.status("line one\nREADY=1\r" + std::string(500, 'x'));
  ASSERT_EQ(notifier.sent.size(), 1u);
  EXPECT_EQ(notifier.sent[0].find('\n'), std::string::npos);
  EXPECT_LE(notifier.sent[0].size(), 7u + 200u);
}

TEST(Notifier, WithoutNotifySocketEveryCallIsANoOp) {
  unsetenv("NOTIFY_SOCKET");
  Notifier notifier;
  notifier.ready();
  notifier.stopping();
  SUCCEED() << "no socket, no crash";
  EXPECT_FALSE(watchdog_interval().has_value());
}

}  // namespace
}  // namespace harmony::systemd
