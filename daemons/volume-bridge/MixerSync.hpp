#pragma once

#include <chrono>
#include <optional>

#include "Mixer.hpp"
#include "core/Clock.hpp"

namespace harmony::bridge {

struct MixerSyncOptions {
  bool mute_switch = true;  // speaker volume 0 also turns the mixer's switch off
  std::chrono::milliseconds echo_window{1000};
};

// Keeps the host mixer on the speaker's volume: writes only when the speaker shows a known volume
// that differs from the last one applied (an unknown volume never writes), and after its own
// write ignores mixer change notifications for the echo window so the sides never ping-pong.
// Not thread-safe: used from the bridge loop only.
class MixerSync {
 public:
  MixerSync(Mixer& mixer, const Clock& clock, MixerSyncOptions options)
      : m_mixer(mixer), m_clock(clock), m_options(options) {}

  // True when the mixer was written.
  Result<bool> apply(std::optional<int> speaker_volume);
  // The mixer's level when someone other than the bridge changed it since the last call.
  Result<std::optional<double>> external_change();
  std::optional<int> applied() const noexcept { return m_applied; }

 private:
  Mixer& m_mixer;
  const Clock& m_clock;
  MixerSyncOptions m_options;
  std::optional<int> m_applied;
  std::optional<Clock::TimePoint> m_last_write;
};

}  // namespace harmony::bridge
