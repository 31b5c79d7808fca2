#include "core/Backoff.hpp"

#include <algorithm>
#include <cmath>

namespace harmony {

Backoff::Backoff(BackoffPolicy policy, std::uint64_t seed) : m_policy(policy), m_rng(seed) {
  m_policy.multiplier = std::max(1.0, m_policy.multiplier);
  m_policy.jitter = std::clamp(m_policy.jitter, 0.0, 1.0);
}

std::chrono::milliseconds Backoff::next() {
  const double initial = static_cast<double>(m_policy.initial.count());
  const double cap = static_cast<double>(m_policy.max.count());
  // pow() of a large attempt count overflows to inf; min() with the cap keeps it finite.
  const double base = std::min(cap, initial * std::pow(m_policy.multiplier, m_attempt));
  ++m_attempt;
  std::uniform_real_distribution<double> spread(1.0 - m_policy.jitter, 1.0 + m_policy.jitter);
  const double delay = base * spread(m_rng);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(delay)));
}

}  // namespace harmony
