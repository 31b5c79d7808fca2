// The library index (MUSIC_DIR in SQLite): a cold scan of N tagged files, an incremental scan
// with nothing changed, and "already in the library" lookups. Baselines in the same run: reading
// the same files with TagLib alone (cold), a bare walk with stat (incremental), and a trivial
// query through the same Store read path (lookup).
// Usage: bench_library_index [work-dir] [files] [rounds]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "audio/AudioFile.hpp"
#include "library/LibraryScanner.hpp"
#include "store/LibraryRepository.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace harmony;
using namespace harmony::harmonyd;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::string isrc_of(int i) {
  return fmt::format("QZ{:03}{:02}{:05}", i % 1000, 20 + i % 7, i);
}

// N copies of one short FLAC, each tagged as its own track, 10 tracks per album folder.
bool make_library(const fs::path& music, int files) {
  const fs::path base = music.parent_path() / "base.flac";
  const std::string command =
      fmt::format("sox -n -r 44100 -c 2 -b 16 '{}' synth 1 sine 440 2>/dev/null", base.string());
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "bench: sox could not make %s (scripts/deps.sh test)\n",
                 base.string().c_str());
    return false;
  }
  for (int i = 0; i < files; ++i) {
    const int artist = i / 100;
    const int album = i / 10;
    const fs::path path = music / fmt::format("Artist {:04}", artist) /
                          fmt::format("Album {:05}", album) /
                          fmt::format("{:02} - Title {}.flac", i % 10, i);
    fs::create_directories(path.parent_path());
    fs::copy_file(base, path, fs::copy_options::overwrite_existing);
    audio::Tags tags;
    tags.artist = fmt::format("Artist {}", artist);
    tags.title = fmt::format("Title {}", i);
    tags.album = fmt::format("Album {}", album);
    tags.isrc = isrc_of(i);
    if (!audio::write_tags(path, tags)) {
      return false;
    }
  }
  return true;
}

std::unique_ptr<store::Store> fresh_store(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::remove(path.string() + suffix);
  }
  auto opened = store::Store::open({path.string(), false});
  if (!opened) {
    std::fprintf(stderr, "bench: %s\n", opened.error().message.c_str());
    std::exit(1);
  }
  return std::move(*opened);
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path work = argc > 1 ? argv[1] : "/var/tmp/harmony-bench-library";
  const int files = argc > 2 ? std::atoi(argv[2]) : 10'000;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
  const fs::path music = work / "music";
  const fs::path db_path = work / "harmony.db";
  std::atomic<bool> stopping{false};

  if (!fs::exists(music / ".complete") || argc > 4) {
    fs::remove_all(work);
    fs::create_directories(music);
    const auto made = Clock::now();
    if (!make_library(music, files)) {
      return 1;
    }
    std::FILE* marker = std::fopen((music / ".complete").c_str(), "w");
    std::fclose(marker);
    std::printf("made %d tagged FLAC files in %.1f s\n", files, seconds_since(made));
  }

  std::vector<double> cold;
  std::vector<double> taglib_only;
  std::vector<double> incremental;
  std::vector<double> walk_only;
  std::unique_ptr<store::Store> db;
  for (int round = 0; round < rounds; ++round) {
    // Baseline: TagLib reads of every file, nothing stored.
    auto start = Clock::now();
    int read = 0;
    for (const auto& entry : fs::recursive_directory_iterator(music)) {
      if (entry.path().extension() == ".flac" && audio::read_summary(entry.path())) {
        ++read;
      }
    }
    taglib_only.push_back(seconds_since(start));

    db = fresh_store(db_path);
    store::LibraryRepository tracks(*db);
    library::LibraryScanner scanner(music, tracks, audio::read_summary);
    start = Clock::now();
    const auto report = scanner.scan(stopping);
    cold.push_back(seconds_since(start));
    if (!report || report->added != files || read != files) {
      std::fprintf(stderr, "bench: cold scan indexed %lld of %d files\n",
                   report ? static_cast<long long>(report->added) : -1LL, files);
      return 1;
    }

    start = Clock::now();
    std::int64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(music)) {
      if (entry.is_regular_file()) {
        bytes += static_cast<std::int64_t>(entry.file_size()) +
                 (entry.last_write_time().time_since_epoch().count() & 1);
      }
    }
    walk_only.push_back(seconds_since(start));
    start = Clock::now();
    const auto again = scanner.scan(stopping);
    incremental.push_back(seconds_since(start));
    if (!again || again->added + again->updated + again->removed != 0 || bytes == 0) {
      std::fprintf(stderr, "bench: the incremental scan changed the index\n");
      return 1;
    }
  }

  // Lookups: hits by ISRC, hits by artist+title+duration, misses.
  store::LibraryRepository tracks(*db);
  std::mt19937 rng(7);
  std::vector<double> per_lookup_us;
  std::vector<double> floor_us;
  constexpr int k_lookups = 20'000;
  int hits = 0;
  for (int round = 0; round < 5; ++round) {
    auto start = Clock::now();
    for (int i = 0; i < k_lookups; ++i) {
      const int n = static_cast<int>(rng() % static_cast<unsigned>(files));
      library::TrackIdentity identity;
      switch (i % 3) {
        case 0:
          identity.isrc = isrc_of(n);
          break;
        case 1:
          identity = {fmt::format("artist {}", n / 100), fmt::format("TITLE {}", n), "",
                      std::chrono::milliseconds(2'000)};
          break;
        default:
          identity = {fmt::format("Artist {}", n / 100), fmt::format("Not There {}", n), "",
                      std::nullopt};
      }
      const auto found = tracks.find(identity);
      hits += found && found->has_value() ? 1 : 0;
    }
    per_lookup_us.push_back(seconds_since(start) * 1e6 / k_lookups);
    start = Clock::now();
    for (int i = 0; i < k_lookups; ++i) {
      const auto one = db->read([](sqlite::Database& conn) { return conn.query_int("SELECT 1"); });
      hits += one ? 0 : 1;
    }
    floor_us.push_back(seconds_since(start) * 1e6 / k_lookups);
  }

  std::printf("files %d, rounds %d, lookup hits %d of %d\n", files, rounds, hits, 5 * k_lookups);
  std::printf("cold scan:        median %.2f s   (TagLib reads alone: %.2f s, ratio %.2f)\n",
              median(cold), median(taglib_only), median(cold) / median(taglib_only));
  std::printf("incremental scan: median %.3f s  (walk + stat alone: %.3f s, ratio %.2f)\n",
              median(incremental), median(walk_only), median(incremental) / median(walk_only));
  std::printf(
      "lookup:           median %.2f us  (SELECT 1 through Store::read: %.2f us, ratio %.2f)\n",
      median(per_lookup_us), median(floor_us), median(per_lookup_us) / median(floor_us));
  return 0;
}
