// Import parsing: 10,000 pasted lines, the same as CSV and as M3U8, against a baseline measured
// in the same run (splitting the same text into lines and finding " - " in each, no checks).
// Usage: bench_imports_parse [lines] [rounds]
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "imports/ImportParsers.hpp"

using Clock = std::chrono::steady_clock;
namespace imports = harmony::harmonyd::imports;

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

template <typename F>
double median_ms(int rounds, F&& run) {
  std::vector<double> times;
  for (int r = 0; r < rounds; ++r) {
    const auto start = Clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return median(times);
}

std::size_t baseline(const std::string& text) {
  std::size_t found = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    found += text.substr(start, end - start).find(" - ") != std::string::npos ? 1 : 0;
    start = end + 1;
  }
  return found;
}

}  // namespace

int main(int argc, char** argv) {
  const int lines = argc > 1 ? std::atoi(argv[1]) : 10'000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 21;
  std::string text;
  std::string csv = "artist,title,album,duration\n";
  std::string m3u = "#EXTM3U\n";
  for (int i = 0; i < lines; ++i) {
    text += fmt::format("Artist Número {} - Title of Song {} (Album {})\n", i, i, i % 50);
    csv += fmt::format("\"Artist Número {}\",Title of Song {},Album {},3:{:02}\n", i, i, i % 50,
                       i % 60);
    m3u += fmt::format("#EXTINF:{},Artist Número {} - Title of Song {}\nmusic/{}.flac\n",
                       180 + i % 60, i, i, i);
  }
  std::size_t sink = 0;
  const double base = median_ms(rounds, [&] { sink += baseline(text); });
  const double pasted = median_ms(rounds, [&] { sink += imports::parse_text(text)->lines.size(); });
  const double as_csv = median_ms(rounds, [&] { sink += imports::parse_csv(csv)->lines.size(); });
  const double as_m3u = median_ms(rounds, [&] { sink += imports::parse_m3u(m3u)->lines.size(); });
  fmt::print("lines={} rounds={} (sink {})\n", lines, rounds, sink);
  fmt::print("baseline split+find  median {:8.2f} ms\n", base);
  fmt::print("pasted text          median {:8.2f} ms  ({:.1f}x baseline)\n", pasted, pasted / base);
  fmt::print("csv                  median {:8.2f} ms  ({:.1f}x baseline)\n", as_csv, as_csv / base);
  fmt::print("m3u8                 median {:8.2f} ms  ({:.1f}x baseline)\n", as_m3u, as_m3u / base);
  return pasted <= 200.0 && as_csv <= 200.0 && as_m3u <= 200.0 ? 0 : 1;
}
