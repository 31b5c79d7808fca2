#pragma once

#include "library/TrackStore.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd::store {

// The `library_tracks` table: library::TrackStore on SQLite. Each IndexChanges batch is one
// write job (one savepoint), so a crash mid-scan leaves whole batches; the lookups use the
// indexes on ISRC and on the match key. Thread-safe.
class LibraryRepository final : public library::TrackStore {
 public:
  explicit LibraryRepository(Store& store) : m_store(store) {}

  Result<std::unordered_map<std::string, library::FileStamp>> stamps() override;
  Result<void> apply(const library::IndexChanges& changes) override;
  Result<std::optional<library::LibraryTrack>> find(
      const library::TrackIdentity& identity) override;
  Result<library::IndexCounts> counts() override;

 private:
  Store& m_store;
};

}  // namespace harmony::harmonyd::store
