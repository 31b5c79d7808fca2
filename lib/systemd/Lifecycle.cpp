#include "systemd/Lifecycle.hpp"

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::systemd {

int await_stop(const Signals& signals, Notifier& notifier, const std::function<void()>& on_hangup) {
  const int signal = signals.wait_for_stop([&on_hangup] {
    if (on_hangup) {
      on_hangup();
    }
  });
  log::info(fmt::format("received {}, stopping", Signals::name(signal)));
  notifier.stopping();
  return signal;
}

}  // namespace harmony::systemd
