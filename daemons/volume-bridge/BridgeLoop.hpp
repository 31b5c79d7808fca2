#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "MixerSync.hpp"
#include "Publisher.hpp"
#include "ScreenParser.hpp"
#include "SpeakerScreen.hpp"
#include "core/Backoff.hpp"
#include "core/Clock.hpp"

namespace harmony::bridge {

struct LoopOptions {
  std::chrono::milliseconds period{200};  // 5 Hz
  BackoffPolicy backoff{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000), 2.0,
                        0.2};
  std::string container = "tidal_connect";  // for messages
};

// One bridge pass after another: capture → parse → mixer → publishers. When the screen cannot
// be read (container restarting, controller not drawn yet) it publishes `stopped` once, then
// waits for the container to restart with an exponentially growing, capped timeout, and resumes
// by itself; it never gives up. Logging happens here (once per change of condition), not in
// the adapters. `poll_once` is the testable unit; `run` is the thread body.
class BridgeLoop {
 public:
  enum class Next { poll, wait_for_restart };
  struct Step {
    Next next = Next::poll;
    std::chrono::milliseconds delay{0};
  };

  BridgeLoop(SpeakerScreen& screen, MixerSync* mixer, std::vector<Publisher*> publishers,
             const Clock& clock, LoopOptions options, std::uint64_t seed = std::random_device{}());

  Step poll_once();
  // Passes until `stop`; `on_status` (optional) gets status_text() whenever it changes, on the
  // loop's thread (for sd_notify STATUS=).
  void run(const std::stop_token& stop,
           const std::function<void(const std::string&)>& on_status = {});

  // For sd_notify STATUS=; changes only when the situation does.
  std::string status_text() const;
  // The loop's last pass finished within `within` (for the systemd watchdog).
  bool alive_within(std::chrono::milliseconds within) const;
  std::optional<SpeakerState> last_state() const { return m_last; }
  int failures() const noexcept { return m_failures; }

 private:
  Step fail(const Error& error);
  void sync_mixer(const SpeakerState& state);
  void publish(const SpeakerState& state);
  void log_transitions(const SpeakerState& state);

  SpeakerScreen& m_screen;
  MixerSync* m_mixer;
  std::vector<Publisher*> m_publishers;
  const Clock& m_clock;
  LoopOptions m_options;
  ScreenParser m_parser;
  Backoff m_backoff;
  std::optional<SpeakerState> m_last;
  bool m_stopped_published = false;
  int m_failures = 0;
  std::string m_last_failure;
  std::map<std::string, std::string> m_publisher_errors;
  std::string m_mixer_error;
  std::atomic<Clock::Duration::rep> m_last_pass{0};
};

}  // namespace harmony::bridge
