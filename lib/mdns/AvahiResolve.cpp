#include "mdns/AvahiResolve.hpp"

#include <optional>

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/address.h>
#include <avahi-common/error.h>
#include <avahi-common/strlst.h>
#include <fmt/format.h>

#include "mdns/InstanceName.hpp"

namespace harmony::mdns {
namespace {

// TXT records come from the network: keep a bounded number of entries.
constexpr std::size_t k_max_txt_entries = 64;

struct Pending {
  const ServiceInstance* instance = nullptr;
  std::optional<Result<ResolvedService>> outcome;
};

void resolve_callback(::AvahiServiceResolver* resolver, AvahiIfIndex, AvahiProtocol,
                      AvahiResolverEvent event, const char*, const char*, const char*,
                      const char* host_name, const AvahiAddress* address, uint16_t port,
                      AvahiStringList* txt, AvahiLookupResultFlags, void* user) noexcept {
  auto& pending = *static_cast<Pending*>(user);
  if (event != AVAHI_RESOLVER_FOUND) {
    const int error = avahi_client_errno(avahi_service_resolver_get_client(resolver));
    pending.outcome =
        make_error(ErrorKind::not_found,
                   fmt::format("cannot resolve '{}': {} ({})", printable(pending.instance->name),
                               avahi_strerror(error), error),
                   error);
    return;
  }
  ResolvedService out;
  out.instance = *pending.instance;
  out.host_name = host_name != nullptr ? host_name : "";
  if (address != nullptr) {
    char text[AVAHI_ADDRESS_STR_MAX] = {};
    avahi_address_snprint(text, sizeof text, address);
    out.address = text;
  }
  out.port = port;
  for (AvahiStringList* item = txt; item != nullptr && out.txt.size() < k_max_txt_entries;
       item = avahi_string_list_get_next(item)) {
    out.txt.emplace_back(reinterpret_cast<const char*>(avahi_string_list_get_text(item)),
                         avahi_string_list_get_size(item));
  }
  pending.outcome = std::move(out);
}

}  // namespace

Result<ResolvedService> resolve_service(AvahiConnection& connection,
                                        const ServiceInstance& instance,
                                        std::chrono::milliseconds timeout) {
  if (connection.native() == nullptr || connection.state() != ServerState::running) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("cannot resolve '{}': avahi-daemon is {}",
                                  printable(instance.name), to_string(connection.state())));
  }
  Pending pending{&instance, std::nullopt};
  const auto generation = connection.generation();
  ::AvahiServiceResolver* resolver = avahi_service_resolver_new(
      connection.native(), instance.interface, instance.protocol, instance.name.c_str(),
      instance.type.c_str(), instance.domain.empty() ? nullptr : instance.domain.c_str(),
      AVAHI_PROTO_UNSPEC, static_cast<AvahiLookupFlags>(0), resolve_callback, &pending);
  if (resolver == nullptr) {
    const int error = avahi_client_errno(connection.native());
    return make_error(ErrorKind::unavailable,
                      fmt::format("cannot resolve '{}': {} ({})", printable(instance.name),
                                  avahi_strerror(error), error),
                      error);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!pending.outcome && std::chrono::steady_clock::now() < deadline &&
         connection.generation() == generation) {
    if (auto step = connection.iterate(deadline); !step) {
      pending.outcome = step.error();
    }
  }
  if (connection.generation() == generation) {
    avahi_service_resolver_free(resolver);
  }
  if (!pending.outcome) {
    return make_error(
        ErrorKind::not_found,
        fmt::format("'{}' did not resolve within {} ms (gone, or its host does not answer)",
                    printable(instance.name), timeout.count()));
  }
  return std::move(*pending.outcome);
}

}  // namespace harmony::mdns
