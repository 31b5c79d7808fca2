#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "watchlist/Watchlist.hpp"

// The watchlist API's JSON: watches, releases with their tracks, and its times (RFC 3339 in
// UTC; stored as epoch milliseconds).
namespace harmony::harmonyd::api::watchlist_json {

// "" for 0 (not set).
std::string iso_time(std::int64_t ms);
// RFC 3339 in UTC ("2026-12-01T08:00:00Z", fractional seconds allowed) → epoch ms; nothing
// for anything else.
std::optional<std::int64_t> parse_iso_time(const std::string& text);
nlohmann::json artist_json(const watchlist::WatchedArtist& artist);
// With per-track download state and complete/missing counts.
nlohmann::json release_json(const watchlist::ReleaseView& view);

}  // namespace harmony::harmonyd::api::watchlist_json
