#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "SpeakerScreen.hpp"

namespace harmony::fakes {

// A speaker screen that returns the captures a test queued (the last one repeats), or
// "unavailable" while `away` is set; records keys and restart waits.
class FakeSpeakerScreen final : public bridge::SpeakerScreen {
 public:
  Result<std::string> capture() override {
    std::lock_guard lock(m_mutex);
    ++captures;
    if (away) {
      return make_error(ErrorKind::unavailable, "container 'tidal_connect' is not running");
    }
    if (screens.size() > 1) {
      std::string next = screens.front();
      screens.pop_front();
      return next;
    }
    return screens.empty() ? std::string() : screens.front();
  }
  Result<void> send_key(std::string_view key) override {
    std::lock_guard lock(m_mutex);
    keys.emplace_back(key);
    return {};
  }
  bool wait_for_restart(std::chrono::milliseconds timeout, std::stop_token) override {
    std::lock_guard lock(m_mutex);
    restart_waits.push_back(timeout);
    return !away;
  }
  bool paces_captures() const noexcept override { return paced; }
  void show(std::string screen) {
    std::lock_guard lock(m_mutex);
    screens.clear();
    screens.push_back(std::move(screen));
  }

  std::deque<std::string> screens;
  std::vector<std::string> keys;
  std::vector<std::chrono::milliseconds> restart_waits;
  bool away = false;
  std::atomic<bool> paced{
      false};  // pretend capture() waits for the next screen (a streamed screen)
  std::atomic<int> captures{0};

 private:
  std::mutex m_mutex;
};

}  // namespace harmony::fakes
