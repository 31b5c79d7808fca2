#pragma once

#include <vector>

#include "http/Server.hpp"

namespace harmony::harmonyd::api {

// Liveness: answers without touching disk or network, so it stays fast and true while the
// daemon's event loop runs.
std::vector<http::Route> health_routes();

}  // namespace harmony::harmonyd::api
