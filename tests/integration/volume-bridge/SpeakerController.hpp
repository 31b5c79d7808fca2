#pragma once

#include <string>

namespace harmony::testing {

// What the tests know about the scripted speaker controller
// (tests/fixtures/volume-bridge/controller.sh), wherever it runs: in a local tmux
// (LocalTmuxScreen) or in the speaker-controller test image.

// The tmux session the controller runs in, as in the real speaker container.
inline constexpr const char* k_controller_session = "speaker_controller_application";

// True when `screen` shows the controller with its volume bar hidden (after the "V" key).
inline bool volume_bar_hidden(const std::string& screen) {
  return screen.find("P: play") != std::string::npos && screen.find("###") == std::string::npos;
}

}  // namespace harmony::testing
