#pragma once

#include <functional>

#include "core/Signals.hpp"
#include "systemd/Notifier.hpp"

namespace harmony::systemd {

// The end of every daemon's run(): blocks until SIGINT or SIGTERM (SIGHUP runs `on_hangup`,
// e.g. a reload, and keeps waiting), logs which signal arrived and sends STOPPING=1. Returns
// the signal; the caller then stops its App.
int await_stop(const Signals& signals, Notifier& notifier,
               const std::function<void()>& on_hangup = {});

}  // namespace harmony::systemd
