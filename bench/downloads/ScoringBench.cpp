// Scoring 10,000 slskd candidates (target ≤ 20 ms, issue 8). Baseline in the same run: only
// normalising the same file names (utf8proc), the floor any text-based scoring pays.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "hdm/CandidateScorer.hpp"
#include "textmatch/Normalise.hpp"

namespace {

using namespace harmony::harmonyd;

// 100 peers × 100 files: 10 folders of 10 files each, a realistic mix of exact matches,
// editions, other songs, non-ASCII names, cover art and missing bitrates.
std::vector<slskd::PeerResponse> make_responses() {
  const char* titles[] = {"Let It Be",           "Let It Be (Live)", "Let It Be - Remastered 2009",
                          "Across the Universe", "Get Back",         "Dig a Pony",
                          "Two of Us",           "I Me Mine",        "The Long and Winding Road",
                          "Für Elise – Déjà vu"};
  const char* exts[] = {"flac", "mp3", "mp3", "flac", "m4a", "mp3", "flac", "ogg", "mp3", "jpg"};
  std::vector<slskd::PeerResponse> responses;
  for (int p = 0; p < 100; ++p) {
    slskd::PeerResponse peer{fmt::format("peer{}", p), p % 3 == 0, p % 17, 100000, {}};
    for (int d = 0; d < 10; ++d) {
      for (int f = 0; f < 10; ++f) {
        slskd::SearchFile file;
        file.filename = fmt::format(
            "@@share{}\\Music\\The Beatles\\Let It Be ({}){}\\{:02} - {}.{}", p, 1970 + d,
            d % 4 == 0 ? " [Deluxe]" : "", f + 1, titles[(f + d) % 10], exts[f]);
        file.size = 30'000'000 + f;
        if (f % 3 != 0) {
          file.bit_rate = f % 2 == 0 ? 320 : 128;
          file.length_s = 240 + f;
        }
        peer.files.push_back(std::move(file));
      }
    }
    responses.push_back(std::move(peer));
  }
  return responses;
}

void BM_Score10000Candidates(benchmark::State& state) {
  const auto responses = make_responses();
  const hdm::TrackRequest request{"The Beatles", "Let It Be", "Let It Be", 1970, 6, 243'000, ""};
  hdm::ScoringOptions options{
      hdm::FormatPreference::parse(hdm::FormatPreference::k_default).value()};
  for (auto _ : state) {
    hdm::CandidateScorer scorer(request, options);
    auto ranked = scorer.rank(responses, {{"peer5", 1}, {"peer7", 2}});
    benchmark::DoNotOptimize(ranked);
  }
  state.counters["candidates"] = 10000;
}
BENCHMARK(BM_Score10000Candidates)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

void BM_BaselineNormaliseNamesOnly(benchmark::State& state) {
  const auto responses = make_responses();
  for (auto _ : state) {
    std::size_t total = 0;
    for (const auto& peer : responses) {
      for (const auto& file : peer.files) {
        total += harmony::textmatch::normalise(file.filename).size();
      }
    }
    benchmark::DoNotOptimize(total);
  }
}
BENCHMARK(BM_BaselineNormaliseNamesOnly)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace
