#pragma once

#include <optional>
#include <string>

#include "core/Result.hpp"
#include "library/LibraryIndexer.hpp"
#include "library/TrackStore.hpp"

namespace harmony::harmonyd::api {

struct LibraryStats {
  std::string music_dir;
  library::IndexCounts counts;
  library::IndexerStatus indexer;
};

// What the /api/v1/library routes need from the library index (the daemon's LibraryService
// implements it; route tests use tests/fakes/FakeLibraryIndex.hpp). Thread-safe.
class LibraryIndex {
 public:
  virtual ~LibraryIndex() = default;
  virtual Result<LibraryStats> stats() = 0;
  // Starts a rescan of MUSIC_DIR (or queues one behind the scan running).
  virtual void request_scan() = 0;
  // The indexed file that is the same recording, if any ("already in the library").
  virtual Result<std::optional<library::LibraryTrack>> lookup(
      const library::TrackIdentity& identity) = 0;
};

}  // namespace harmony::harmonyd::api
