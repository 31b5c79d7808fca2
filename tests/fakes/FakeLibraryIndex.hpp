#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "api/LibraryIndex.hpp"
#include "library/MatchKey.hpp"

namespace harmony::fakes {

// api::LibraryIndex over a vector of tracks, for route tests: lookups follow the same rules as
// the SQLite index (ISRC, or match key with a duration within 3 s), rescans are counted.
class FakeLibraryIndex final : public harmonyd::api::LibraryIndex {
 public:
  Result<harmonyd::api::LibraryStats> stats() override {
    const std::lock_guard lock(m_mutex);
    harmonyd::api::LibraryStats stats;
    stats.music_dir = "/music";
    stats.counts.tracks = static_cast<std::int64_t>(tracks.size());
    stats.indexer = indexer;
    return stats;
  }
  void request_scan() override {
    const std::lock_guard lock(m_mutex);
    ++scans_requested;
  }
  Result<std::optional<harmonyd::library::LibraryTrack>> lookup(
      const harmonyd::library::TrackIdentity& identity) override {
    const std::lock_guard lock(m_mutex);
    last_lookup = identity;
    const std::string isrc = harmonyd::library::normalise_isrc(identity.isrc);
    const std::string key = harmonyd::library::match_key(identity.artist, identity.title);
    for (const auto& track : tracks) {
      if (!isrc.empty() && track.isrc == isrc) {
        return std::optional(track);
      }
      const bool close =
          !identity.duration || std::chrono::abs(track.duration - *identity.duration) <=
                                    harmonyd::library::k_duration_tolerance;
      if (harmonyd::library::match_key(track.artist, track.title) == key && close) {
        return std::optional(track);
      }
    }
    return std::optional<harmonyd::library::LibraryTrack>();
  }

  std::vector<harmonyd::library::LibraryTrack> tracks;
  harmonyd::library::IndexerStatus indexer;
  std::optional<harmonyd::library::TrackIdentity> last_lookup;
  int scans_requested = 0;

 private:
  std::mutex m_mutex;
};

}  // namespace harmony::fakes
