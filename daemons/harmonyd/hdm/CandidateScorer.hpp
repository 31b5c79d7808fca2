#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Result.hpp"
#include "hdm/FormatPreference.hpp"
#include "hdm/TrackRequest.hpp"
#include "integrations/slskd/Types.hpp"

namespace harmony::harmonyd::hdm {

// Why a candidate got its score; stored with the job and shown by GET /api/v1/downloads/{id}.
// Every part is in [0, 1] except the penalties, which are subtracted.
struct ScoreBreakdown {
  double title = 0;
  double artist = 0;
  double album = 0;
  double duration = 0;
  double format = 0;
  double peer = 0;
  double edition_penalty = 0;
  double peer_failure_penalty = 0;
  double total = 0;
  std::string format_label;   // the PREFERRED_FORMATS entry it matched, or "other"
  std::string edition_words;  // the unrequested edition words found, space-separated

  nlohmann::json to_json() const;
  static ScoreBreakdown from_json(const nlohmann::json& json);
};

// Words that mark a different recording or release than the one usually wanted (EDITION_WORDS):
// "live, remix, remixed, karaoke, instrumental, demo, deluxe, acapella, rehearsal".
inline constexpr std::string_view k_default_edition_words =
    "live, remix, remixed, karaoke, instrumental, demo, deluxe, acapella, rehearsal";
// Parses a comma-separated word list; each entry is normalised (case, accents) and must be a
// single word. Empty text is an empty list (no edition penalty). ErrorKind::config on a bad entry.
Result<std::vector<std::string>> parse_edition_words(std::string_view text);

struct ScoringOptions {
  FormatPreference formats;
  // Penalised when found in a candidate's name or folders but not in the requested title/album.
  std::vector<std::string> edition_words = parse_edition_words(k_default_edition_words).value();
  double threshold = 0.6;     // MATCH_THRESHOLD: candidates below it are never downloaded
  int fails_to_downrank = 1;  // a peer with this many failed transfers loses 0.15 per failure
  int fails_to_ignore = 2;    // ... and with this many it is not considered at all
};

// A file offered by a peer, with its score.
struct Candidate {
  std::string username;
  slskd::SearchFile file;
  ScoreBreakdown score;
};

// Scores search results against one request. Text is compared as normalised words
// (textmatch::normalise): the title against the file name, the artist against the file name
// and its folders, the album against the folders. Not thread-safe (caches the last folder).
class CandidateScorer {
 public:
  CandidateScorer(TrackRequest request, ScoringOptions options);

  // Non-audio files (.nfo, .jpg, .cue) are not candidates: nothing is returned for them.
  std::optional<ScoreBreakdown> score(const slskd::PeerResponse& peer,
                                      const slskd::SearchFile& file, int peer_failures = 0);

  // Every acceptable candidate (score ≥ threshold, peer not ignored), best first; ties go to
  // the peer with a free slot, then the shorter queue, then the filename (deterministic).
  std::vector<Candidate> rank(const std::vector<slskd::PeerResponse>& responses,
                              const std::map<std::string, int>& peer_failures = {});

  const ScoringOptions& options() const noexcept { return m_options; }

 private:
  double duration_score(const slskd::SearchFile& file) const;

  TrackRequest m_request;
  ScoringOptions m_options;
  std::string m_title_text;
  std::string m_artist_text;
  std::string m_album_text;
  std::vector<std::string_view> m_title;
  std::vector<std::string_view> m_artist;
  std::vector<std::string_view> m_album;
  std::string m_last_directory;
  std::string m_directory_text;
  std::vector<std::string_view> m_directory_words;
};

}  // namespace harmony::harmonyd::hdm
