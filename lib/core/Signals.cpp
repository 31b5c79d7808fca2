#include "core/Signals.hpp"

#include <pthread.h>

namespace harmony {

Signals::Signals() {
  sigemptyset(&m_set);
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) {
    std::signal(signo, SIG_DFL);
    sigaddset(&m_set, signo);
  }
  pthread_sigmask(SIG_BLOCK, &m_set, nullptr);
}

int Signals::wait() const {
  for (;;) {
    int signo = 0;
    if (sigwait(&m_set, &signo) == 0) {
      return signo;
    }
  }
}

std::string_view Signals::name(int signo) noexcept {
  switch (signo) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "signal";
  }
}

}  // namespace harmony
