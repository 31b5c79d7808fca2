#include <benchmark/benchmark.h>

#include "core/Backoff.hpp"
#include "core/Duration.hpp"

namespace {

void BM_BackoffNext(benchmark::State& state) {
  harmony::Backoff backoff({}, 42);
  for (auto _ : state) {
    benchmark::DoNotOptimize(backoff.next());
    if (backoff.attempts() > 20) {
      backoff.reset();
    }
  }
}
BENCHMARK(BM_BackoffNext);

void BM_ParseDuration(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(harmony::parse_duration("1m30s"));
  }
}
BENCHMARK(BM_ParseDuration);

}  // namespace
