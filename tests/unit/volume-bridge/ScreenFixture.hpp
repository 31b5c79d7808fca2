#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace harmony::bridge::testing {

// A screen capture from tests/fixtures/volume-bridge (see make-fixtures.sh there).
inline std::string screen_fixture(const std::string& name) {
  std::ifstream in(std::string(HARMONY_SOURCE_DIR) + "/tests/fixtures/volume-bridge/" + name,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The playing fixture with its volume bar set to `volume` (0..38).
inline std::string playing_at(int volume) {
  std::string screen = screen_fixture("playing.txt");
  const std::string bar = "l" + std::string(19, '#') + std::string(19, 'q') + "k";
  screen.replace(screen.find(bar), bar.size(),
                 "l" + std::string(static_cast<std::size_t>(volume), '#') +
                     std::string(static_cast<std::size_t>(38 - volume), 'q') + "k");
  return screen;
}

}  // namespace harmony::bridge::testing
