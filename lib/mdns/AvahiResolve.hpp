#pragma once

#include <chrono>

#include "core/Result.hpp"
#include "mdns/AvahiConnection.hpp"
#include "mdns/Types.hpp"

namespace harmony::mdns {

// Resolves one instance (host name, address, port, TXT) on a running connection, driving its
// event loop until the answer or `timeout`. A timeout or a resolver failure is
// ErrorKind::not_found naming the instance; no daemon is ErrorKind::unavailable.
Result<ResolvedService> resolve_service(AvahiConnection& connection,
                                        const ServiceInstance& instance,
                                        std::chrono::milliseconds timeout);

}  // namespace harmony::mdns
