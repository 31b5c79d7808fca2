#pragma once

#include <vector>

#include "Publisher.hpp"

namespace harmony::fakes {

// Records every state handed to it.
class FakePublisher final : public bridge::Publisher {
 public:
  std::string_view name() const noexcept override { return "fake"; }
  Result<void> publish(const bridge::SpeakerState& state) override {
    states.push_back(state);
    return {};
  }
  std::vector<bridge::SpeakerState> states;
};

}  // namespace harmony::fakes
