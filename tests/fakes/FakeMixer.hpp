#pragma once

#include <optional>
#include <vector>

#include "Mixer.hpp"

namespace harmony::fakes {

// A mixer that records every write; tests inject notifications and failures.
class FakeMixer final : public bridge::Mixer {
 public:
  Result<void> set_level(double level) override {
    if (fail_writes) {
      return make_error(ErrorKind::unavailable, "fake mixer: write refused");
    }
    writes.push_back(level);
    current = level;
    pending_change = true;  // like ALSA, our own write comes back as an event
    return {};
  }
  Result<double> level() override { return current; }
  Result<void> set_muted(bool value) override {
    mute_writes.push_back(value);
    muted = value;
    return {};
  }
  Result<bool> poll_changed() override {
    const bool changed = pending_change;
    pending_change = false;
    return changed;
  }
  // Someone else (alsamixer, another program) moves the mixer.
  void external_set(double level) {
    current = level;
    pending_change = true;
  }

  std::vector<double> writes;
  std::vector<bool> mute_writes;
  double current = 0.5;
  bool muted = false;
  bool pending_change = false;
  bool fail_writes = false;
};

}  // namespace harmony::fakes
