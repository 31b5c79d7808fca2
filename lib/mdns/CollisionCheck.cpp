#include "mdns/CollisionCheck.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mdns/InstanceName.hpp"

namespace harmony::mdns {
namespace {

// Browses until ALL_FOR_NOW or the deadline; returns the matching instances still visible,
// one per (name, local) pair (IPv4 and IPv6 report the same instance twice).
std::vector<ServiceInstance> visible_matches(ServiceBrowser& browser, const Clock& clock,
                                             const CollisionOptions& options,
                                             CollisionReport& report) {
  std::vector<ServiceInstance> visible;
  const auto deadline = clock.now() + options.timeout;
  while (auto event = browser.next_event(deadline)) {
    const auto& instance = event->instance;
    if (event->kind == BrowseEventKind::added && is_instance_of(options.name, instance.name)) {
      visible.push_back(instance);
    } else if (event->kind == BrowseEventKind::removed) {
      std::erase_if(visible, [&](const ServiceInstance& seen) { return seen.same_as(instance); });
    } else if (event->kind == BrowseEventKind::disconnected) {
      visible.clear();
    } else if (event->kind == BrowseEventKind::failure) {
      report.unavailable = event->message;
      break;
    } else if (event->kind == BrowseEventKind::all_for_now) {
      report.complete = true;
      break;
    }
  }
  std::vector<ServiceInstance> unique;
  for (const auto& instance : visible) {
    const bool known = std::any_of(unique.begin(), unique.end(), [&](const ServiceInstance& kept) {
      return kept.name == instance.name && kept.local == instance.local;
    });
    if (!known) {
      unique.push_back(instance);
    }
  }
  return unique;
}

}  // namespace

Result<CollisionReport> check_collision(ServiceBrowser& browser, const Clock& clock,
                                        const CollisionOptions& options) {
  CollisionReport report;
  if (auto started = browser.browse(options.type); !started) {
    if (started.error().kind != ErrorKind::unavailable) {
      return started.error();
    }
    report.unavailable = started.error().message;
    return report;
  }
  for (const auto& instance : visible_matches(browser, clock, options, report)) {
    auto resolved = browser.resolve(instance, options.resolve_timeout);
    ResolvedService service;
    if (resolved) {
      service = std::move(*resolved);
    } else {
      service.instance = instance;
      service.host_name = fmt::format("(not resolvable: {})", resolved.error().message);
    }
    (instance.local ? report.local : report.remote).push_back(std::move(service));
  }
  return report;
}

std::string describe(const ResolvedService& service) {
  if (service.address.empty()) {
    return fmt::format("'{}' {}", printable(service.instance.name), service.host_name);
  }
  return fmt::format("'{}' on host {} ({}, port {})", printable(service.instance.name),
                     printable(service.host_name), service.address, service.port);
}

}  // namespace harmony::mdns
