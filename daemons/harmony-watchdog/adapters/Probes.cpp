#include "adapters/Probes.hpp"

#include <fmt/format.h>

#include "mdns/AvahiConnection.hpp"
#include "mdns/AvahiServiceBrowser.hpp"
#include "mdns/CollisionCheck.hpp"
#include "wire/Client.hpp"

namespace harmony::watchdog {

Result<void> UrlHealthProbe::probe(const std::string& url, std::chrono::milliseconds timeout) {
  return wire::probe_url(url, timeout);
}

Result<std::string> AvahiCollisionProbe::check(const std::string& type, const std::string& name) {
  auto connection = mdns::AvahiConnection::open(mdns::AvahiConnection::Mode::fail_fast);
  if (!connection) {
    return std::move(connection).error();
  }
  mdns::AvahiBrowser browser(**connection);
  SystemClock clock;
  mdns::CollisionOptions options{name, type};
  auto report = mdns::check_collision(browser, clock, options);
  if (!report) {
    return std::move(report).error();
  }
  if (!report->unavailable.empty()) {
    return make_error(ErrorKind::unavailable, report->unavailable);
  }
  std::string found;
  for (const auto& service : report->remote) {
    found += found.empty() ? "" : ", ";
    found += mdns::describe(service);
  }
  return found;
}

}  // namespace harmony::watchdog
