#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "BridgeLoop.hpp"
#include "MixerSync.hpp"
#include "ScreenParser.hpp"
#include "StatusJson.hpp"

namespace {

using harmony::bridge::ScreenParser;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(HARMONY_SOURCE_DIR) + "/tests/fixtures/volume-bridge/" + name,
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Parser throughput on a real 80x24 capture of the scripted controller.
void BM_ParsePlayingScreen(benchmark::State& state) {
  const std::string screen = fixture("playing.txt");
  const ScreenParser parser;
  for (auto _ : state) {
    benchmark::DoNotOptimize(parser.parse(screen));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * screen.size()));
}
BENCHMARK(BM_ParsePlayingScreen);

// Worst case the bounds allow: a 1 MiB capture, of which 64 KiB are read.
void BM_ParseOversizedCapture(benchmark::State& state) {
  std::string screen = fixture("playing.txt");
  while (screen.size() < 1024 * 1024) {
    screen += std::string(1000, 'Z') + "\n";
  }
  const ScreenParser parser;
  for (auto _ : state) {
    benchmark::DoNotOptimize(parser.parse(screen));
  }
}
BENCHMARK(BM_ParseOversizedCapture);

// Baseline for the ratio: the status JSON serialisation the loop does on a change.
void BM_StatusJson(benchmark::State& state) {
  const auto parsed = ScreenParser().parse(fixture("playing.txt")).value();
  for (auto _ : state) {
    benchmark::DoNotOptimize(harmony::bridge::status_json(parsed, {}));
  }
}
BENCHMARK(BM_StatusJson);

// One loop pass without I/O (capture already in memory, mixer a no-op): the bridge's own CPU
// cost per poll, excluding the Docker exec round trip.
class MemoryScreen final : public harmony::bridge::SpeakerScreen {
 public:
  explicit MemoryScreen(std::string text) : m_text(std::move(text)) {}
  harmony::Result<std::string> capture() override { return m_text; }
  harmony::Result<void> send_key(std::string_view) override { return {}; }
  bool wait_for_restart(std::chrono::milliseconds, std::stop_token) override { return false; }

 private:
  std::string m_text;
};

void BM_LoopPassNoIo(benchmark::State& state) {
  MemoryScreen screen(fixture("playing.txt"));
  harmony::SystemClock clock;
  harmony::bridge::BridgeLoop loop(screen, nullptr, {}, clock, {});
  for (auto _ : state) {
    benchmark::DoNotOptimize(loop.poll_once());
  }
}
BENCHMARK(BM_LoopPassNoIo);

}  // namespace
