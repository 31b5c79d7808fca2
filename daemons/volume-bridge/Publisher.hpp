#pragma once

#include "SpeakerState.hpp"
#include "core/Clock.hpp"
#include "core/Result.hpp"

namespace harmony::bridge {

// One place the speaker state goes (status file, AudioControl, MPRIS). `publish` sees every
// poll's state and decides itself what is worth sending; errors are returned for the loop to
// log, and a failed publish is retried on a later poll. Called from the bridge loop only.
class Publisher {
 public:
  virtual ~Publisher() = default;
  virtual std::string_view name() const noexcept = 0;
  virtual Result<void> publish(const SpeakerState& state) = 0;
};

}  // namespace harmony::bridge
