#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "Stack.hpp"
#include "core/Clock.hpp"
#include "mdns/ServiceBrowser.hpp"
#include "systemd/UnitController.hpp"

namespace harmony::harmonyctl {

struct NameFixRequest {
  Stack stack;
  std::string friendly_name;                       // validated
  std::chrono::milliseconds timeout{3000};         // one mDNS look
  std::chrono::milliseconds job_timeout{120'000};  // one systemd stop/start job
  // How long the old registration may take to clear (say goodbye or expire).
  std::chrono::milliseconds clear_timeout{130'000};
  // How long the restarted speaker may take to show up as exactly one instance.
  std::chrono::milliseconds appear_timeout{30'000};
};

// `harmonyctl fix-name-collision`: when the speaker's name is not advertised exactly once by
// this host, stop the speaker unit, wait until no instance of the name is left (a goodbye or
// the stale record's expiry), start it again (and the dependents that were running), and
// verify that exactly one instance is back. Does nothing when all is already well, so it is
// safe from a timer. Never leaves the speaker stopped: once stopped, it is started again
// whatever happens next. Progress lines go to `say`. Returns the exit code: 0 fixed or
// nothing to fix, 1 not fixed (the last line says why and what to do), 69 systemd or Avahi
// cannot be asked.
int fix_name_collision(const NameFixRequest& request, systemd::UnitController& units,
                       mdns::ServiceBrowser& browser, const Clock& clock,
                       const std::function<void(const std::string&)>& say);

}  // namespace harmony::harmonyctl
