#include "PulseMixer.hpp"

namespace harmony::testing {

PulseMixer::PulseMixer() {
  if (!m_pulse.running()) {
    m_error = "the private PulseAudio did not start";
    return;
  }
  auto mixer = bridge::AlsaMixer::open("pulse", "", bridge::CurveKind::linear);
  if (!mixer) {
    m_error = mixer.error().message;
    return;
  }
  m_mixer = std::move(*mixer);
  m_sync = std::make_unique<bridge::MixerSync>(*m_mixer, m_clock, bridge::MixerSyncOptions{});
}

}  // namespace harmony::testing
