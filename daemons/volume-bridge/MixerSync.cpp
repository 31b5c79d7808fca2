#include "MixerSync.hpp"

#include "SpeakerState.hpp"

namespace harmony::bridge {

Result<bool> MixerSync::apply(std::optional<int> speaker_volume) {
  if (!speaker_volume || speaker_volume == m_applied) {
    return false;
  }
  const int volume = *speaker_volume;
  m_last_write = m_clock.now();
  if (auto set = m_mixer.set_level(static_cast<double>(volume) / k_volume_steps); !set) {
    return std::move(set).error();
  }
  if (m_options.mute_switch && (volume == 0 || !m_applied || *m_applied == 0)) {
    if (auto muted = m_mixer.set_muted(volume == 0); !muted) {
      return std::move(muted).error();
    }
  }
  m_applied = volume;
  return true;
}

Result<std::optional<double>> MixerSync::external_change() {
  auto changed = m_mixer.poll_changed();
  if (!changed) {
    return std::move(changed).error();
  }
  if (!*changed || (m_last_write && m_clock.now() - *m_last_write < m_options.echo_window)) {
    return std::optional<double>();
  }
  auto level = m_mixer.level();
  if (!level) {
    return std::move(level).error();
  }
  return std::optional<double>(*level);
}

}  // namespace harmony::bridge
