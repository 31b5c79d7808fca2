#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "audio/AudioFile.hpp"
#include "core/Result.hpp"
#include "library/TrackStore.hpp"

namespace harmony::harmonyd::library {

struct ScanReport {
  std::int64_t scanned = 0;       // audio files seen
  std::int64_t added = 0;         // new to the index
  std::int64_t updated = 0;       // changed since they were indexed (size or mtime)
  std::int64_t removed = 0;       // gone from MUSIC_DIR
  std::int64_t unreadable = 0;    // read this scan and not readable by TagLib
  std::int64_t skipped_dirs = 0;  // folders that could not be listed (their entries are kept)
  bool complete = false;          // false when stopped early (nothing was removed then)
  std::chrono::milliseconds duration{0};
};

// Reads tags and duration of one file; audio::read_summary in the daemon.
using TagReader = std::function<Result<audio::TrackSummary>(const std::filesystem::path&)>;

// Brings the index in line with MUSIC_DIR. Only files whose size or mtime changed are read, so
// a rescan of an unchanged library is one stat per file. Never follows symlinks and never
// leaves MUSIC_DIR; hidden files and partial copies are ignored. A folder it cannot list keeps
// its entries (a permissions problem or an unmounted disk must not empty the index).
// Thread-compatible: one scan at a time (LibraryIndexer serialises them).
class LibraryScanner {
 public:
  LibraryScanner(std::filesystem::path music_dir, TrackStore& store, TagReader reader,
                 std::size_t batch_size = 500);

  // ErrorKind::filesystem when MUSIC_DIR itself cannot be listed (the index is left as it is).
  Result<ScanReport> scan(const std::atomic<bool>& stopping);
  // Indexes one file just filed into MUSIC_DIR (an absolute path inside it).
  Result<void> index_file(const std::filesystem::path& path);

  const std::filesystem::path& music_dir() const noexcept { return m_music_dir; }

 private:
  LibraryTrack read(const std::string& relative, const FileStamp& stamp) const;

  std::filesystem::path m_music_dir;
  TrackStore& m_store;
  TagReader m_reader;
  std::size_t m_batch_size;
};

// True for the extensions TagLib reads as audio (case-insensitive, without the dot).
bool is_audio_extension(std::string_view extension);

}  // namespace harmony::harmonyd::library
