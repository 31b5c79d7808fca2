#pragma once

#include "core/Result.hpp"

namespace harmony::bridge {

// The host volume control the bridge drives (port; the ALSA adapter is AlsaMixer). Levels are
// fractions 0..1 of the speaker's scale; the adapter owns the mapping curve to raw steps or dB.
class Mixer {
 public:
  virtual ~Mixer() = default;
  virtual Result<void> set_level(double level) = 0;
  virtual Result<double> level() = 0;
  virtual Result<void> set_muted(bool muted) = 0;
  // True when the mixer reported a change since the last call (anyone's write, ours included).
  virtual Result<bool> poll_changed() = 0;
};

}  // namespace harmony::bridge
