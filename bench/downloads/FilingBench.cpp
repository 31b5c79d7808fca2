// Cross-device filing throughput (issue 8): AtomicFileMover moving files from a tmpfs
// (/dev/shm, like a downloads volume) to disk, against `cp` + `sync FILE...` (coreutils sync
// fsyncs each named file) on the same files in the same run. Rounds alternate so load changes
// hit both. Usage: bench_filing [target-dir-on-disk] [files] [MiB per file] [rounds]
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "files/AtomicFileMover.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<fs::path> make_sources(const fs::path& dir, int files, std::size_t bytes) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<fs::path> out;
  std::mt19937_64 rng(42);
  std::string data(bytes, '\0');
  for (auto& c : data) {
    c = static_cast<char>(rng());
  }
  for (int i = 0; i < files; ++i) {
    const fs::path path = dir / fmt::format("{:02} - Track.flac", i);
    std::ofstream(path, std::ios::binary)
        .write(data.data(), static_cast<std::streamsize>(data.size()));
    out.push_back(path);
  }
  return out;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path target_root = argc > 1 ? argv[1] : "/var/tmp/harmony-bench-filing";
  const int files = argc > 2 ? std::atoi(argv[2]) : 20;
  const std::size_t mib = argc > 3 ? static_cast<std::size_t>(std::atoi(argv[3])) : 8;
  const int rounds = argc > 4 ? std::atoi(argv[4]) : 7;
  const fs::path source_dir = "/dev/shm/harmony-bench-filing";
  const double total_mib = static_cast<double>(files) * static_cast<double>(mib);
  std::vector<double> mover_rates;
  std::vector<double> cp_rates;
  harmony::files::AtomicFileMover mover;
  for (int round = 0; round < rounds; ++round) {
    // AtomicFileMover: one move per file, each fsynced (file, target dir, source dir).
    auto sources = make_sources(source_dir, files, mib << 20);
    fs::remove_all(target_root);
    fs::create_directories(target_root / "mover");
    auto start = Clock::now();
    for (const auto& source : sources) {
      auto moved = mover.move(source, target_root / "mover" / source.filename());
      if (!moved) {
        std::fprintf(stderr, "move failed: %s\n", moved.error().message.c_str());
        return 71;
      }
    }
    mover_rates.push_back(total_mib / seconds_since(start));

    // Baseline: cp of the same files, then sync of each copy and the folder, then rm of the
    // sources (a move's full cost).
    sources = make_sources(source_dir, files, mib << 20);
    fs::create_directories(target_root / "cp");
    std::string names;
    std::string copies;
    for (const auto& source : sources) {
      names += " '" + source.string() + "'";
      copies += " '" + (target_root / "cp" / source.filename()).string() + "'";
    }
    const std::string command =
        fmt::format("cp{} '{}/' && sync{} '{}' && rm -f{}", names, (target_root / "cp").string(),
                    copies, (target_root / "cp").string(), names);
    start = Clock::now();
    if (std::system(command.c_str()) != 0) {
      std::fprintf(stderr, "baseline failed: %s\n", command.c_str());
      return 71;
    }
    cp_rates.push_back(total_mib / seconds_since(start));
  }
  fs::remove_all(source_dir);
  fs::remove_all(target_root);
  const double mover_median = median(mover_rates);
  const double cp_median = median(cp_rates);
  std::printf("files=%d size=%zu MiB rounds=%d tmpfs -> %s\n", files, mib, rounds,
              target_root.c_str());
  std::printf("AtomicFileMover median %.1f MiB/s, cp+sync median %.1f MiB/s, ratio %.2f\n",
              mover_median, cp_median, mover_median / cp_median);
  return 0;
}
