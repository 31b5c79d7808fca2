#pragma once

#include <string>

#include "Report.hpp"

namespace harmony::harmonyctl {

// One screen for a person: units with since when, the container, the name on the network, the
// watchdog, the bridge, then the problems with the next thing to do (or "all well").
// Times are shown in the host's local time zone.
std::string render_text(const StatusReport& report);

// The same facts as one JSON object, for scripts and monitoring.
std::string render_json(const StatusReport& report);

}  // namespace harmony::harmonyctl
