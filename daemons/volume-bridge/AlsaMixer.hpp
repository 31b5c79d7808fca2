#pragma once

#include <memory>
#include <string>
#include <vector>

#include "Mixer.hpp"
#include "VolumeCurve.hpp"
#include "alsa/SimpleMixer.hpp"

namespace harmony::bridge {

// The controls tried, in order, when none is configured.
inline const std::vector<std::string> k_default_controls{"Digital", "Master", "PCM", "SoftVolume"};

// Mixer adapter over an ALSA simple-mixer control, applying the configured curve (the dB curve
// falls back to linear raw steps when the control has no dB information).
class AlsaMixer final : public Mixer {
 public:
  static Result<std::unique_ptr<AlsaMixer>> open(const std::string& device,
                                                 const std::string& control, CurveKind curve);

  Result<void> set_level(double level) override;
  Result<double> level() override;
  Result<void> set_muted(bool muted) override;
  Result<bool> poll_changed() override;

  const alsa::SimpleMixer& control() const noexcept { return *m_mixer; }
  bool uses_db() const noexcept {
    return m_curve == CurveKind::db && m_mixer->db_range().has_value();
  }

 private:
  AlsaMixer(std::unique_ptr<alsa::SimpleMixer> mixer, CurveKind curve)
      : m_mixer(std::move(mixer)), m_curve(curve) {}

  std::unique_ptr<alsa::SimpleMixer> m_mixer;
  CurveKind m_curve;
};

}  // namespace harmony::bridge
