#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "mdns/Types.hpp"

namespace harmony::mdns {

// The domain's view of DNS-SD browsing (a port). The real adapter is AvahiServiceBrowser;
// tests use tests/fakes/FakeServiceBrowser.hpp. Pull-style so the logic on top is a plain loop:
// start a browse, then take events one at a time until a deadline. Not thread-safe.
class ServiceBrowser {
 public:
  virtual ~ServiceBrowser() = default;

  // Starts browsing `type` (e.g. "_tidalconnect._tcp") in the default domain, dropping any
  // earlier browse. Fails with ErrorKind::unavailable when no daemon answers.
  virtual Result<void> browse(const std::string& type) = 0;

  // The next event of the current browse, waiting at most until `deadline`; nothing on timeout.
  virtual std::optional<BrowseEvent> next_event(Clock::TimePoint deadline) = 0;

  // Looks up host, address, port and TXT of an instance reported by `added`.
  virtual Result<ResolvedService> resolve(const ServiceInstance& instance,
                                          std::chrono::milliseconds timeout) = 0;
};

}  // namespace harmony::mdns
