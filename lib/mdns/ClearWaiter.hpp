#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "mdns/ServiceBrowser.hpp"

namespace harmony::mdns {

struct ClearOptions {
  std::string name;  // friendly name, already validated
  std::string type = "_tidalconnect._tcp";
  std::chrono::milliseconds timeout{15'000};
  // How many clean checks in a row make "clear": the first is the browser's ALL_FOR_NOW with no
  // match, each further one `interval` later with still no match.
  int consecutive = 2;
  std::chrono::milliseconds interval{50};
};

enum class ClearVerdict {
  clear,        // no instance of the name is visible
  timed_out,    // still visible at the deadline (`still_visible` says which)
  unavailable,  // no avahi-daemon to ask (`message` says why)
};

struct ClearOutcome {
  ClearVerdict verdict = ClearVerdict::unavailable;
  bool by_goodbye = false;  // cleared because the last matching instance was removed
  std::vector<ServiceInstance> still_visible;
  std::string message;
  Clock::Duration elapsed{};
};

// Waits until no instance named `<name>` or `<name>-<32 hex>` is advertised (see is_instance_of).
// "Clear" needs the browser's ALL_FOR_NOW, so the cache and the network were both asked; a
// REMOVE of the last matching instance is acted on at once. A daemon restart while waiting
// forgets everything seen and starts over. Errors are only for a bad request (invalid type).
class ClearWaiter {
 public:
  ClearWaiter(ServiceBrowser& browser, const Clock& clock) : m_browser(browser), m_clock(clock) {}

  Result<ClearOutcome> wait(const ClearOptions& options);

  // Sees every browse event as it arrives (for debug logs); must not throw.
  void set_tracer(std::function<void(const BrowseEvent&)> tracer) { m_tracer = std::move(tracer); }

 private:
  std::function<void(const BrowseEvent&)> m_tracer;
  ServiceBrowser& m_browser;
  const Clock& m_clock;
};

}  // namespace harmony::mdns
