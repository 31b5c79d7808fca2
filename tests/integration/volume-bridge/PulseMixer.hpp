#pragma once

#include <memory>
#include <string>

#include "AlsaMixer.hpp"
#include "MixerSync.hpp"
#include "PulseServer.hpp"
#include "core/Clock.hpp"

namespace harmony::testing {

// The host side of a bridge test: a private PulseAudio whose null sink a real ALSA mixer
// (alsa-lib's `pulse` device, control auto-detected, linear curve) drives through the bridge's
// MixerSync; pactl reads the result back through pulse().
// Use: HARMONY_REQUIRE(host.pulse().running(), k_pulse_requirement), then
// ASSERT_TRUE(host.ready()) << host.error().
class PulseMixer {
 public:
  PulseMixer();
  PulseMixer(const PulseMixer&) = delete;
  PulseMixer& operator=(const PulseMixer&) = delete;

  PulseServer& pulse() noexcept { return m_pulse; }
  bool ready() const noexcept { return m_sync != nullptr; }
  // Why the mixer is not ready ("" when it is).
  const std::string& error() const noexcept { return m_error; }
  const Clock& clock() const noexcept { return m_clock; }
  bridge::MixerSync& sync() noexcept { return *m_sync; }

 private:
  PulseServer m_pulse;
  SystemClock m_clock;
  std::unique_ptr<bridge::AlsaMixer> m_mixer;
  std::unique_ptr<bridge::MixerSync> m_sync;
  std::string m_error;
};

}  // namespace harmony::testing
