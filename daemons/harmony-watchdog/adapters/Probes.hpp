#pragma once

#include <memory>

#include "ContainerControl.hpp"
#include "HealthProbe.hpp"

namespace harmony::watchdog {

// HealthProbe on lib/wire's probe_url (plain HTTP; the watchdog links no TLS library).
class UrlHealthProbe final : public HealthProbe {
 public:
  Result<void> probe(const std::string& url, std::chrono::milliseconds timeout) override;
};

// CollisionProbe on lib/mdns: one browse of the type on the host's avahi-daemon; another host
// announcing our name is a collision (our own, local entries are us after the restart).
// Connects per check, so a missing or restarted avahi-daemon is an error for that check only.
class AvahiCollisionProbe final : public CollisionProbe {
 public:
  Result<std::string> check(const std::string& type, const std::string& name) override;
};

}  // namespace harmony::watchdog
