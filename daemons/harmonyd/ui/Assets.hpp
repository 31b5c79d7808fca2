#pragma once

#include <string_view>

#include "http/Message.hpp"

namespace harmony::harmonyd::ui {

// GET /ui/assets/{name}: an embedded asset with its ETag (If-None-Match → 304) and a day of
// caching; the HTTP server compresses it (gzip or brotli) as the client accepts. Unknown
// names → 404.
http::Response serve_asset(const http::Request& request);

// The URL pages link an asset by; it carries the ETag so a new build is fetched at once.
std::string asset_url(std::string_view name);

}  // namespace harmony::harmonyd::ui
