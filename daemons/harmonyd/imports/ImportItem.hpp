#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hdm/TrackRequest.hpp"

namespace harmony::harmonyd::imports {

// The Spotify track a line was matched to, with how well it matched.
struct SpotifyMatch {
  std::string spotify_id;
  std::string isrc;
  std::string album;
  std::optional<int> year;
  std::int64_t duration_ms = 0;
  double score = 0.0;      // 0..1
  double threshold = 0.0;  // the score a match needs
};

// One track an import asks for (a line, or one track of an album or playlist line) and what
// became of it. `outcome`: queued (a new download), duplicate (asked for earlier in the import,
// or already a download), in_library (the recording is already filed), invalid (the line was not
// understood), refused (Spotify would not give the album or playlist), failed (a Spotify error).
struct ImportItem {
  std::size_t line = 0;
  std::string kind;  // the line's kind (track, spotify_album, …)
  std::string text;  // the line as given (bounded)
  hdm::TrackRequest request;
  std::optional<SpotifyMatch> match;
  bool unmatched = false;  // Spotify was asked and had no match: requested with what the line had
  std::string outcome;
  std::string reason;
  std::int64_t job_id = 0;
};

nlohmann::json to_json(const ImportItem& item);
ImportItem item_from_json(const nlohmann::json& json);

}  // namespace harmony::harmonyd::imports
