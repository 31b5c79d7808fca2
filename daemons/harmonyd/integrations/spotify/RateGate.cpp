#include "integrations/spotify/RateGate.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::spotify {
namespace {

using Seconds = std::chrono::duration<double>;

// Waiting is sliced so a moved (fake) clock or a lifted latch is noticed promptly.
constexpr auto k_slice = std::chrono::milliseconds(20);

}  // namespace

RateGate::Permit::~Permit() {
  if (m_gate != nullptr) {
    m_gate->leave();
  }
}

RateGate::RateGate(const Clock& clock, GateOptions options, std::uint64_t seed)
    : m_clock(clock),
      m_options(options),
      m_rng(seed),
      m_tokens(std::max(1.0, options.requests_per_30s / 3.0)),
      m_refilled(clock.now()) {}

void RateGate::refill(Clock::TimePoint now) {
  const double capacity = std::max(1.0, m_options.requests_per_30s / 3.0);
  const double rate = m_options.requests_per_30s / 30.0;
  m_tokens = std::min(capacity, m_tokens + Seconds(now - m_refilled).count() * rate);
  m_refilled = now;
}

Result<RateGate::Permit> RateGate::enter() {
  std::unique_lock lock(m_mutex);
  const auto deadline = m_clock.now() + m_options.max_wait;
  while (true) {
    const auto now = m_clock.now();
    if (now < m_latched_until) {
      if (m_latched_until > deadline) {
        const auto left = std::chrono::ceil<std::chrono::seconds>(m_latched_until - now);
        return failure(ErrorKind::unavailable, Failure::rate_limited,
                       fmt::format("Spotify rate limit: nothing is sent to Spotify for another "
                                   "{} s (Retry-After)",
                                   left.count()));
      }
    } else {
      refill(now);
      if (m_tokens >= 1.0 && m_in_flight < m_options.max_in_flight) {
        m_tokens -= 1.0;
        ++m_in_flight;
        return Permit(this);
      }
      if (now >= deadline) {
        return failure(ErrorKind::unavailable, Failure::rate_limited,
                       fmt::format("Spotify requests are paced to {} per 30 s and the queue is "
                                   "longer than {} ms; try again shortly",
                                   m_options.requests_per_30s, m_options.max_wait.count()));
      }
    }
    m_changed.wait_for(lock, k_slice);
  }
}

void RateGate::leave() {
  {
    const std::lock_guard lock(m_mutex);
    --m_in_flight;
  }
  m_changed.notify_all();
}

void RateGate::latch(std::chrono::seconds retry_after) {
  const std::lock_guard lock(m_mutex);
  const auto now = m_clock.now();
  const auto base =
      std::chrono::duration_cast<Clock::Duration>(std::max(retry_after, std::chrono::seconds(1)));
  std::uniform_real_distribution<double> spread(0.0, 0.1);
  const auto jitter = std::chrono::duration_cast<Clock::Duration>(
      std::min(Seconds(1.0), Seconds(Seconds(base).count() * spread(m_rng))));
  const auto until = now + base + jitter;
  if (until <= m_latched_until) {
    return;  // an earlier 429 already latched longer
  }
  if (now >= m_latched_until) {
    ++m_latches;
    m_latched_since = now;
  } else {
    m_latched_total -= Seconds(m_latched_until - m_latched_since).count();
  }
  m_latched_until = until;
  m_latched_total += Seconds(until - m_latched_since).count();
}

std::optional<Clock::TimePoint> RateGate::latched_until() const {
  const std::lock_guard lock(m_mutex);
  if (m_clock.now() < m_latched_until) {
    return m_latched_until;
  }
  return std::nullopt;
}

std::int64_t RateGate::retry_after_seconds() const {
  const std::lock_guard lock(m_mutex);
  const auto now = m_clock.now();
  return now < m_latched_until
             ? std::chrono::ceil<std::chrono::seconds>(m_latched_until - now).count()
             : 0;
}

double RateGate::latched_seconds_total() const {
  const std::lock_guard lock(m_mutex);
  const auto now = m_clock.now();
  // A latch still running counts only up to now.
  return now < m_latched_until ? m_latched_total - Seconds(m_latched_until - now).count()
                               : m_latched_total;
}

std::uint64_t RateGate::latches() const {
  const std::lock_guard lock(m_mutex);
  return m_latches;
}

}  // namespace harmony::harmonyd::spotify
