#pragma once

#include <chrono>
#include <thread>

namespace harmony::testing {

// Polls `condition` every `interval` until it holds or `limit` passes, then checks it once
// more, so a condition that became true at the deadline still counts. For waiting on a real
// condition instead of sleeping a fixed time.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(5),
                std::chrono::milliseconds interval = std::chrono::milliseconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(interval);
  }
  return condition();
}

}  // namespace harmony::testing
