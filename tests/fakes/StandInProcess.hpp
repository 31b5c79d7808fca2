#pragma once

#include <exception>
#include <functional>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

namespace harmony::fakes {

// For a stand-in run as a process (tests that are not C++): print where it listens as one JSON
// line, then serve until the parent closes our stdin (or kills us), so a crashed test leaves no
// orphan. Each line the parent writes is answered with `report()` as one JSON line (counters a
// benchmark reads), when given. Returns 0.
inline int announce_and_serve(const nlohmann::json& listening,
                              const std::function<nlohmann::json()>& report = {}) {
  std::cout << listening.dump() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (report) {
      std::cout << report().dump() << std::endl;
    }
  }
  return 0;
}

// A stand-in program's noexcept main: an exception is reported as `name: what` with exit 70.
template <typename Run>
int stand_in_main(const char* name, Run&& run) noexcept {
  try {
    return run();
  } catch (const std::exception& error) {
    std::cerr << name << ": " << error.what() << "\n";
    return 70;
  }
}

}  // namespace harmony::fakes
