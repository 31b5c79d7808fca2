#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/Result.hpp"
#include "library/LibraryTrack.hpp"

namespace harmony::harmonyd::library {

// One batch of a scan, applied atomically: the index never holds half a batch.
struct IndexChanges {
  std::vector<LibraryTrack> upserts;
  std::vector<std::string> removals;  // relative paths
};

struct IndexCounts {
  std::int64_t tracks = 0;      // readable audio files
  std::int64_t unreadable = 0;  // audio extension, not readable by TagLib
  std::int64_t artists = 0;     // distinct normalised artists
  std::int64_t albums = 0;      // distinct normalised artist + album
  std::int64_t total_bytes = 0;
};

// Where the library index lives (SQLite in the daemon: store/LibraryRepository). A port so the
// scanner and the lookup rules are tested without a database. Implementations are thread-safe.
class TrackStore {
 public:
  virtual ~TrackStore() = default;

  // Every indexed path (relative to MUSIC_DIR) with the stamp it was indexed at.
  virtual Result<std::unordered_map<std::string, FileStamp>> stamps() = 0;
  virtual Result<void> apply(const IndexChanges& changes) = 0;
  // A readable track that is the same recording: the same ISRC, or the same match key with a
  // duration within k_duration_tolerance (any duration when the identity has none).
  virtual Result<std::optional<LibraryTrack>> find(const TrackIdentity& identity) = 0;
  virtual Result<IndexCounts> counts() = 0;
};

}  // namespace harmony::harmonyd::library
