#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace harmony {

struct BackoffPolicy {
  std::chrono::milliseconds initial{500};
  std::chrono::milliseconds max{30'000};
  double multiplier = 2.0;
  // Fraction of each delay that is randomised: 0.2 means the delay lands in [0.8 d, 1.2 d].
  double jitter = 0.2;
};

// Exponential backoff with jitter. The RNG is injected by seed so tests are deterministic.
// Not thread-safe: one instance per retry loop.
class Backoff {
 public:
  explicit Backoff(BackoffPolicy policy, std::uint64_t seed = std::random_device{}());

  // The delay before the next attempt; grows until `max` (before jitter).
  std::chrono::milliseconds next();
  // Back to the initial delay, after a success.
  void reset() noexcept { m_attempt = 0; }
  int attempts() const noexcept { return m_attempt; }

 private:
  BackoffPolicy m_policy;
  std::mt19937_64 m_rng;
  int m_attempt = 0;
};

}  // namespace harmony
