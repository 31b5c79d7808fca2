#pragma once

#include <csignal>
#include <string_view>

namespace harmony {

// The process signals a daemon reacts to, taken synchronously instead of in handlers.
// Construct it in main's thread before starting any other thread: it restores the default
// disposition of SIGINT, SIGTERM and SIGHUP (an ignored signal is discarded even while blocked,
// and a parent may have left SIGINT ignored) and blocks them, so threads started afterwards
// inherit the mask and only wait() receives them.
class Signals {
 public:
  Signals();

  // Blocks until SIGINT, SIGTERM or SIGHUP arrives and returns its number.
  int wait() const;
  // Blocks until SIGINT or SIGTERM; SIGHUP calls `on_hangup` (e.g. reload) and keeps waiting.
  template <typename OnHangup>
  int wait_for_stop(OnHangup&& on_hangup) const {
    for (;;) {
      const int signo = wait();
      if (signo != SIGHUP) {
        return signo;
      }
      on_hangup();
    }
  }
  int wait_for_stop() const {
    return wait_for_stop([] {});
  }

  static std::string_view name(int signo) noexcept;

 private:
  sigset_t m_set{};
};

}  // namespace harmony
