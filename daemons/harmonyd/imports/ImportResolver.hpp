#pragma once

#include <map>
#include <string>
#include <vector>

#include "imports/ImportItem.hpp"
#include "imports/ImportLine.hpp"
#include "integrations/spotify/SpotifyCatalog.hpp"
#include "library/TrackStore.hpp"

namespace harmony::harmonyd::imports {

struct ResolveReport {
  std::size_t spotify_requests = 0;
  std::size_t matched = 0;  // lines whose track Spotify named (links, and matched searches)
};

// Turns parsed lines into the tracks they ask for: Spotify links become the linked track, or
// every track of the album or playlist; other lines are matched against Spotify's catalogue
// when it is configured (the best search result scoring k_match_threshold or more adds its
// ISRC, album, year and duration; otherwise the line is requested as it is, flagged
// unmatched). Then the same recording asked for twice (ISRC, or normalised artist and title) is
// a duplicate of its first line, and one already in the library is skipped. Items left with an
// empty outcome are to be queued (ImportRepository decides against existing downloads).
class ImportResolver {
 public:
  ImportResolver(spotify::SpotifyCatalog& catalog, library::TrackStore& library)
      : m_catalog(catalog), m_library(library) {}

  // Fails only when the library index cannot be read. Not reentrant (one import at a time).
  Result<std::vector<ImportItem>> resolve(const ParsedImport& parsed, ResolveReport& report);

 private:
  void spotify_track(const ImportLine& line, std::vector<ImportItem>& items, ResolveReport& report);
  void spotify_album(const ImportLine& line, std::vector<ImportItem>& items, ResolveReport& report);
  void spotify_playlist(const ImportLine& line, std::vector<ImportItem>& items,
                        ResolveReport& report);
  ImportItem plain_track(const ImportLine& line, ResolveReport& report);
  // The item for a Spotify error on `line`; false when Spotify is simply not configured.
  ImportItem refused(const ImportLine& line, const Error& error);

  spotify::SpotifyCatalog& m_catalog;
  library::TrackStore& m_library;
  bool m_spotify_off = false;                      // a call answered not_configured: stop asking
  std::map<std::string, spotify::Album> m_albums;  // fetched during this resolve()
};

}  // namespace harmony::harmonyd::imports
