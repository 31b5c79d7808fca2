#pragma once

#include <chrono>
#include <string>

#include "core/Result.hpp"

namespace harmony::watchdog {

// One GET of a target's health_url: success is a 2xx answer within `timeout`; anything else is
// an error saying what happened ("HTTP 503", "connection refused"). Thread-safe.
class HealthProbe {
 public:
  virtual ~HealthProbe() = default;
  virtual Result<void> probe(const std::string& url, std::chrono::milliseconds timeout) = 0;
};

}  // namespace harmony::watchdog
