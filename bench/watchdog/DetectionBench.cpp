// Detection latency inside harmony-watchdog: from a log line (or a Docker event) reaching the
// target's worker to the StopUnit job being issued, through the real RuleSet, Policy,
// Supervisor and TargetWorker; systemd and Docker are fakes that answer at once, so this is the
// watchdog's own share of the latency. Also the per-line rule cost, the original's fixed
// 30 s poll being the baseline it replaces.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "RuleSet.hpp"
#include "Supervisor.hpp"
#include "TargetWorker.hpp"
#include "fakes/FakeContainerControl.hpp"
#include "fakes/FakeUnitController.hpp"
#include "log/Log.hpp"

namespace harmony::watchdog {
namespace {

class NullSink final : public log::Sink {
 public:
  void write(const log::Record&) noexcept override {}
};

TargetSettings tidal() {
  auto settings = load_settings(std::string(HARMONY_SOURCE_DIR) + "/docs/watchdog/tidal.yml");
  TargetSettings target = settings->targets.at(0);
  target.mdns.reset();
  target.policy.grace = std::chrono::milliseconds(0);
  target.policy.cooldown_initial = std::chrono::milliseconds(0);
  target.policy.cooldown_cap = std::chrono::milliseconds(0);
  target.policy.give_up_restarts = 1'000'000;
  return target;
}

void latency(benchmark::State& state, bool event) {
  log::set_sink(std::make_unique<NullSink>());
  SystemClock clock;
  fakes::FakeUnitController units;
  fakes::FakeContainerControl containers;
  Telemetry telemetry({"tidal"});
  Recovery recovery(units, containers, nullptr, clock);
  units.set_state("tidal.service", "active");
  std::mutex mutex;
  std::condition_variable stopped;
  Clock::TimePoint stop_at{};
  units.on_job = [&](const std::string& verb, const std::string& unit) {
    if (unit == "tidal.service") {
      containers.unit_job(verb);
    }
    if (verb == "stop") {
      std::lock_guard lock(mutex);
      stop_at = clock.now();
      stopped.notify_all();
    }
  };
  TargetSettings target = tidal();
  auto rules = RuleSet::compile(target.rules);
  Supervisor supervisor(target, std::move(*rules),
                        {units, containers, nullptr, recovery, telemetry, clock});
  TargetWorker worker(supervisor, clock);
  std::vector<double> samples;
  for (auto _ : state) {
    std::unique_lock lock(mutex);
    stop_at = {};
    const Clock::TimePoint sent = clock.now();
    if (event) {
      worker.push_event("health_status: unhealthy");
    } else {
      worker.push_line("2024-01-01 12:00:00 [error] Token is expired");
    }
    stopped.wait(lock, [&] { return stop_at != Clock::TimePoint{}; });
    const double us = std::chrono::duration<double, std::micro>(stop_at - sent).count();
    state.SetIterationTime(us / 1e6);
    samples.push_back(us);
    lock.unlock();
    // Signals observed before a recovery ends are stale by design; wait for it to end (the
    // fakes make it instant) so the next iteration is a fresh failure.
    while (telemetry.snapshot().at(0).state != TargetState::ok) {
      std::this_thread::yield();
    }
  }
  std::sort(samples.begin(), samples.end());
  state.counters["p50_us"] = samples[samples.size() / 2];
  state.counters["p95_us"] = samples[samples.size() * 95 / 100];
  state.counters["max_us"] = samples.back();
  log::set_sink(log::make_default_sink("bench"));
}

void BM_LogLineToStopIssued(benchmark::State& state) {
  latency(state, false);
}
BENCHMARK(BM_LogLineToStopIssued)->UseManualTime()->Iterations(2000)->Unit(benchmark::kMicrosecond);

void BM_UnhealthyEventToStopIssued(benchmark::State& state) {
  latency(state, true);
}
BENCHMARK(BM_UnhealthyEventToStopIssued)
    ->UseManualTime()
    ->Iterations(2000)
    ->Unit(benchmark::kMicrosecond);

void BM_RuleMatchOrdinaryLine(benchmark::State& state) {
  auto rules = RuleSet::compile(tidal().rules);
  const std::string line = "[2024-01-01 12:00:00.123] [info] playback state changed to PLAYING";
  for (auto _ : state) {
    benchmark::DoNotOptimize(rules->match(line));
  }
}
BENCHMARK(BM_RuleMatchOrdinaryLine);

void BM_RuleMatchMegabyteLine(benchmark::State& state) {
  auto rules = RuleSet::compile(tidal().rules);
  const std::string line(1 << 20, 'x');
  for (auto _ : state) {
    benchmark::DoNotOptimize(rules->match(line));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * (1 << 20));
}
BENCHMARK(BM_RuleMatchMegabyteLine)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace harmony::watchdog
