#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "mdns/ServiceBrowser.hpp"

namespace harmony::mdns {

struct CollisionReport {
  // Instances of our name announced by other hosts: a collision.
  std::vector<ResolvedService> remote;
  // Instances of our name announced by this host's own daemon (the LOCAL flag). Before our
  // service starts, such an entry is a stale registration; after it starts, it is us.
  std::vector<ResolvedService> local;
  // False when the browser never reported ALL_FOR_NOW before the timeout (partial answer).
  bool complete = false;
  // Why the check could not be made (no daemon); empty when it was made.
  std::string unavailable;

  bool clean() const noexcept { return unavailable.empty() && remote.empty() && local.empty(); }
};

struct CollisionOptions {
  std::string name;  // friendly name, already validated
  std::string type = "_tidalconnect._tcp";
  std::chrono::milliseconds timeout{5'000};          // browse until ALL_FOR_NOW or this
  std::chrono::milliseconds resolve_timeout{2'000};  // per instance; unresolved ones are kept
};

// Looks once at who advertises `<name>` / `<name>-<32 hex>` right now and resolves each match
// so a report can name its host and address. Errors are only for a bad request (invalid type).
Result<CollisionReport> check_collision(ServiceBrowser& browser, const Clock& clock,
                                        const CollisionOptions& options);

// "'hifiberry-…' on host a.local (10.0.0.2, port 2019)" or "… (not resolvable: …)".
std::string describe(const ResolvedService& service);

}  // namespace harmony::mdns
