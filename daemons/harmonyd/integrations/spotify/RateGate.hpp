#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

#include "core/Clock.hpp"
#include "core/Result.hpp"

namespace harmony::harmonyd::spotify {

struct GateOptions {
  int requests_per_30s = 90;  // the local pacer's budget (rolling 30 s like Spotify's window)
  int max_in_flight = 4;      // bounds what is already on the wire when a 429 arrives
  // A caller waits this long at most (for the latch or a pacing slot); longer → rate_limited.
  std::chrono::milliseconds max_wait{10'000};
};

// The one gate every Web API request of an app passes, so Spotify sees one well-behaved client:
// - the latch: after a 429 nothing at all is sent until Retry-After (plus a little jitter) has
//   passed; callers wait when that is within max_wait, else get Failure::rate_limited;
// - the pacer: a token bucket refilled at requests_per_30s / 30 per second, burst a third of it;
// - at most max_in_flight requests on the wire.
// Time comes from the Clock; waiting uses the condition variable in short slices so a fake
// clock moved by another thread is noticed. Thread-safe.
class RateGate {
 public:
  // Releases the in-flight slot when destroyed.
  class Permit {
   public:
    explicit Permit(RateGate* gate) : m_gate(gate) {}
    Permit(Permit&& other) noexcept : m_gate(other.m_gate) { other.m_gate = nullptr; }
    Permit& operator=(Permit&&) = delete;
    ~Permit();

   private:
    RateGate* m_gate;
  };

  RateGate(const Clock& clock, GateOptions options, std::uint64_t seed = std::random_device{}());

  Result<Permit> enter();
  // A 429 arrived: latch for `retry_after` (at least 1 s) plus up to 10 % jitter.
  void latch(std::chrono::seconds retry_after);
  // When the latch lifts, or nothing when it is not latched.
  std::optional<Clock::TimePoint> latched_until() const;
  // Seconds left on the latch, rounded up (0 when not latched): the Retry-After to pass on.
  std::int64_t retry_after_seconds() const;
  // Total time spent latched so far (for the metrics).
  double latched_seconds_total() const;
  std::uint64_t latches() const;

 private:
  void refill(Clock::TimePoint now);
  void leave();

  const Clock& m_clock;
  const GateOptions m_options;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::mt19937_64 m_rng;
  Clock::TimePoint m_latched_until{};
  Clock::TimePoint m_latched_since{};
  double m_latched_total = 0;
  std::uint64_t m_latches = 0;
  double m_tokens;
  Clock::TimePoint m_refilled;
  int m_in_flight = 0;
};

}  // namespace harmony::harmonyd::spotify
