#include "AlsaMixer.hpp"

namespace harmony::bridge {

Result<std::unique_ptr<AlsaMixer>> AlsaMixer::open(const std::string& device,
                                                   const std::string& control, CurveKind curve) {
  auto mixer = alsa::SimpleMixer::open(device, control, k_default_controls);
  if (!mixer) {
    return std::move(mixer).error();
  }
  return std::unique_ptr<AlsaMixer>(new AlsaMixer(std::move(*mixer), curve));
}

Result<void> AlsaMixer::set_level(double level) {
  if (uses_db()) {
    const alsa::Range db = *m_mixer->db_range();
    // Round up so a low but non-zero level never lands on the mute step.
    return m_mixer->set_volume_db(mapped_to_db(level, db.min, db.max), level > 0.0 ? 1 : -1);
  }
  const alsa::Range range = m_mixer->volume_range();
  return m_mixer->set_volume(linear_to_raw(level, range.min, range.max));
}

Result<double> AlsaMixer::level() {
  if (uses_db()) {
    auto value = m_mixer->volume_db();
    if (!value) {
      return std::move(value).error();
    }
    const alsa::Range db = *m_mixer->db_range();
    return db_to_mapped(*value, db.min, db.max);
  }
  auto raw = m_mixer->volume();
  if (!raw) {
    return std::move(raw).error();
  }
  const alsa::Range range = m_mixer->volume_range();
  return raw_to_linear(*raw, range.min, range.max);
}

Result<void> AlsaMixer::set_muted(bool muted) {
  return m_mixer->set_switch(!muted);
}

Result<bool> AlsaMixer::poll_changed() {
  return m_mixer->handle_events();
}

}  // namespace harmony::bridge
