#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace harmony::mdns {

// avahi-daemon's server state as a client sees it. `unreachable` is ours: no daemon answers.
enum class ServerState { unreachable, connecting, registering, running, collision, failure };

std::string_view to_string(ServerState state) noexcept;

// One advertised service instance as the browser reports it. `name` is the raw (unescaped)
// instance label exactly as published: "Living Room-0123…", never "Living\032Room-…".
struct ServiceInstance {
  std::string name;
  std::string type;
  std::string domain;
  int interface = -1;  // kernel interface index; -1 = unspecified
  int protocol = -1;   // 0 = IPv4, 1 = IPv6, -1 = unspecified (Avahi's values)
  // Announced by this host's own avahi-daemon (AVAHI_LOOKUP_RESULT_LOCAL).
  bool local = false;
  // Announced by this very client (AVAHI_LOOKUP_RESULT_OUR_OWN).
  bool our_own = false;

  // Same instance on the same interface and protocol (what a REMOVE refers to).
  bool same_as(const ServiceInstance& other) const noexcept {
    return name == other.name && type == other.type && domain == other.domain &&
           interface == other.interface && protocol == other.protocol;
  }
};

// The result of resolving an instance: where it lives and its TXT record.
struct ResolvedService {
  ServiceInstance instance;
  std::string host_name;  // e.g. "speaker.local"
  std::string address;    // textual IPv4/IPv6 address
  std::uint16_t port = 0;
  std::vector<std::string> txt;  // "key=value" strings, as published
};

enum class BrowseEventKind {
  added,            // AVAHI_BROWSER_NEW
  removed,          // AVAHI_BROWSER_REMOVE
  cache_exhausted,  // AVAHI_BROWSER_CACHE_EXHAUSTED: every cached entry was delivered
  all_for_now,      // AVAHI_BROWSER_ALL_FOR_NOW: about 1 s after the browse started
  disconnected,     // the daemon went away; the browser restarts the browse once it is back
  failure,          // AVAHI_BROWSER_FAILURE or a client failure; `message` says which
};

std::string_view to_string(BrowseEventKind kind) noexcept;

struct BrowseEvent {
  BrowseEventKind kind = BrowseEventKind::failure;
  ServiceInstance instance;  // set for added / removed
  std::string message;       // set for failure / disconnected
};

}  // namespace harmony::mdns
