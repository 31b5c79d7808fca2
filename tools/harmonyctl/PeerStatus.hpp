#pragma once

#include <string>
#include <string_view>

#include "Report.hpp"
#include "core/Result.hpp"

namespace harmony::harmonyctl {

// The watchdog's /health body ({"status", "targets": [{"name", "state", "restarts_today",
// "last_reason", "last_at"}]}) for one target. Untrusted: a malformed body or a missing target
// is ErrorKind::invalid naming what was wrong.
Result<WatchdogFacts> parse_watchdog_health(std::string_view body, const std::string& target);

// The volume bridge's status JSON (state, artist, title, volume, timestamp). Untrusted as well.
Result<BridgeFacts> parse_bridge_status(std::string_view body, const std::string& path);

}  // namespace harmony::harmonyctl
