#pragma once

#include <optional>
#include <string>

#include "imports/ImportLine.hpp"
#include "integrations/spotify/Records.hpp"

namespace harmony::harmonyd::imports {

// The score a Spotify search result needs to count as the line's track.
inline constexpr double k_match_threshold = 0.75;

// How well a Spotify track fits what a line gave (0..1): words of the title (0.5) and of the
// first artist (0.4), and the duration within 3 s when the line has one (0.1; a line without
// one gets it). Pure.
double match_score(const ImportLine& line, const spotify::Track& track);

// The Spotify search text for a line: `track:<title> artist:<artist>`.
std::string match_query(const ImportLine& line);

}  // namespace harmony::harmonyd::imports
