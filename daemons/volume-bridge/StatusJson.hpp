#pragma once

#include <string>

#include "SpeakerState.hpp"
#include "core/Clock.hpp"

namespace harmony::bridge {

// The status document readers such as AudioControl2's tidalcontrol.py expect
// (keys of the original volume-bridge.sh: state, artist, title, album, duration [s], position,
// volume [0..38 or null when unknown], shuffle, timestamp [epoch s]) plus repeat, session and
// duration_ms. Serialised by nlohmann::json, so quotes, backslashes and controls are escaped.
std::string status_json(const SpeakerState& state, Clock::WallTime now);

}  // namespace harmony::bridge
