#include "imports/TrackMatch.hpp"

#include <cstdlib>

#include "textmatch/Normalise.hpp"
#include "textmatch/Tokens.hpp"

namespace harmony::harmonyd::imports {
namespace {

double words_alike(const std::string& a, const std::string& b) {
  const auto left = textmatch::normalise(a);
  const auto right = textmatch::normalise(b);
  return textmatch::word_dice(textmatch::split_words(left), textmatch::split_words(right));
}

}  // namespace

double match_score(const ImportLine& line, const spotify::Track& track) {
  const double title = words_alike(line.title, track.name);
  const double artist =
      track.artists.empty() ? 0.0 : words_alike(line.artist, track.artists.front().name);
  double duration = 1.0;
  if (line.duration_ms && track.duration_ms > 0) {
    duration = std::llabs(*line.duration_ms - track.duration_ms) <= 3000 ? 1.0 : 0.0;
  }
  return 0.5 * title + 0.4 * artist + 0.1 * duration;
}

std::string match_query(const ImportLine& line) {
  return "track:" + line.title + " artist:" + line.artist;
}

}  // namespace harmony::harmonyd::imports
