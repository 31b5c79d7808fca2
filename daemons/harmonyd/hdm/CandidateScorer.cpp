#include "hdm/CandidateScorer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "hdm/RemotePath.hpp"
#include "textmatch/Normalise.hpp"
#include "textmatch/Tokens.hpp"

namespace harmony::harmonyd::hdm {
namespace {

using textmatch::contains_word;
using Words = std::vector<std::string_view>;

constexpr double k_weight_title = 0.35;
constexpr double k_weight_artist = 0.20;
constexpr double k_weight_album = 0.10;
constexpr double k_weight_duration = 0.10;
constexpr double k_weight_format = 0.15;
constexpr double k_weight_peer = 0.10;
constexpr double k_edition_penalty = 0.30;
constexpr double k_failure_penalty = 0.15;

bool is_track_number(std::string_view word) {
  return word.size() <= 3 &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Share of `wanted` words found in the file name or its folders (1.0 when nothing is wanted).
double recall_in_either(const Words& wanted, const Words& name, const Words& folders) {
  if (wanted.empty()) {
    return 1.0;
  }
  std::size_t found = 0;
  for (const auto word : wanted) {
    if (contains_word(name, word) || contains_word(folders, word)) {
      ++found;
    }
  }
  return static_cast<double>(found) / static_cast<double>(wanted.size());
}

double round4(double value) {
  return std::round(value * 10000.0) / 10000.0;
}

}  // namespace

Result<std::vector<std::string>> parse_edition_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto comma = std::min(text.find(',', begin), text.size());
    const std::string entry = textmatch::normalise(text.substr(begin, comma - begin));
    begin = comma + 1;
    if (entry.empty()) {
      continue;
    }
    if (textmatch::split_words(entry).size() != 1) {
      return make_error(ErrorKind::config,
                        fmt::format("EDITION_WORDS entry '{}' is not a single word; list words "
                                    "separated by commas, e.g. 'live, remix, karaoke'",
                                    entry));
    }
    words.push_back(entry);
  }
  return words;
}

nlohmann::json ScoreBreakdown::to_json() const {
  return {{"title", round4(title)},         {"artist", round4(artist)},
          {"album", round4(album)},         {"duration", round4(duration)},
          {"format", round4(format)},       {"format_label", format_label},
          {"peer", round4(peer)},           {"edition_penalty", round4(edition_penalty)},
          {"edition_words", edition_words}, {"peer_failure_penalty", round4(peer_failure_penalty)},
          {"total", round4(total)}};
}

ScoreBreakdown ScoreBreakdown::from_json(const nlohmann::json& json) {
  ScoreBreakdown score;
  score.title = json.value("title", 0.0);
  score.artist = json.value("artist", 0.0);
  score.album = json.value("album", 0.0);
  score.duration = json.value("duration", 0.0);
  score.format = json.value("format", 0.0);
  score.format_label = json.value("format_label", "");
  score.peer = json.value("peer", 0.0);
  score.edition_penalty = json.value("edition_penalty", 0.0);
  score.edition_words = json.value("edition_words", "");
  score.peer_failure_penalty = json.value("peer_failure_penalty", 0.0);
  score.total = json.value("total", 0.0);
  return score;
}

CandidateScorer::CandidateScorer(TrackRequest request, ScoringOptions options)
    : m_request(std::move(request)),
      m_options(std::move(options)),
      m_title_text(textmatch::normalise(m_request.title)),
      m_artist_text(textmatch::normalise(m_request.artist)),
      m_album_text(textmatch::normalise(m_request.album)),
      m_title(textmatch::split_words(m_title_text)),
      m_artist(textmatch::split_words(m_artist_text)),
      m_album(textmatch::split_words(m_album_text)) {}

double CandidateScorer::duration_score(const slskd::SearchFile& file) const {
  if (!m_request.duration_ms) {
    return 1.0;
  }
  if (!file.length_s) {
    return 0.5;  // unknown: neither rewarded nor ruled out
  }
  const double delta = std::abs(static_cast<double>(*file.length_s) -
                                static_cast<double>(*m_request.duration_ms) / 1000.0);
  // Full marks within 3 s (rounding, silence), nothing at 20 s or more.
  return std::clamp(1.0 - (delta - 3.0) / 17.0, 0.0, 1.0);
}

std::optional<ScoreBreakdown> CandidateScorer::score(const slskd::PeerResponse& peer,
                                                     const slskd::SearchFile& file,
                                                     int peer_failures) {
  const RemotePath path = split_remote_path(file.filename);
  std::string extension = file.extension.empty() ? path.extension : file.extension;
  std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (!is_audio_extension(extension)) {
    return std::nullopt;
  }
  // Files of one folder arrive together: normalise the folder once.
  if (path.directory != m_last_directory) {
    m_last_directory.assign(path.directory);
    m_directory_text = textmatch::normalise(path.directory);
    m_directory_words = textmatch::split_words(m_directory_text);
  }
  const std::string stem_text = textmatch::normalise(path.stem);
  const Words stem = textmatch::split_words(stem_text);

  // Title: did the name say the title, and did it say little else?
  Words rest;
  rest.reserve(stem.size());
  for (const auto word : stem) {
    const bool requested = contains_word(m_title, word);
    if (!requested &&
        (is_track_number(word) || contains_word(m_artist, word) || contains_word(m_album, word))) {
      continue;
    }
    rest.push_back(word);
  }
  ScoreBreakdown score;
  score.title =
      0.7 * textmatch::word_recall(m_title, stem) + 0.3 * textmatch::word_dice(m_title, rest);
  score.artist = recall_in_either(m_artist, stem, m_directory_words);
  score.album = recall_in_either(m_album, stem, m_directory_words);
  score.duration = duration_score(file);
  const auto rank = m_options.formats.rank(file, extension);
  score.format = m_options.formats.score_for_rank(rank);
  score.format_label = rank ? m_options.formats.label(*rank) : "other";
  score.peer = (peer.has_free_upload_slot ? 0.5 : 0.0) +
               0.5 / (1.0 + static_cast<double>(std::max(0, peer.queue_length)) / 10.0);

  for (const std::string& word : m_options.edition_words) {
    if ((contains_word(stem, word) || contains_word(m_directory_words, word)) &&
        !contains_word(m_title, word) && !contains_word(m_album, word)) {
      score.edition_penalty = k_edition_penalty;
      score.edition_words += score.edition_words.empty() ? word : " " + word;
    }
  }
  if (peer_failures >= m_options.fails_to_downrank) {
    score.peer_failure_penalty = k_failure_penalty * peer_failures;
  }
  const double total = k_weight_title * score.title + k_weight_artist * score.artist +
                       k_weight_album * score.album + k_weight_duration * score.duration +
                       k_weight_format * score.format + k_weight_peer * score.peer -
                       score.edition_penalty - score.peer_failure_penalty;
  score.total = std::clamp(total, 0.0, 1.0);
  return score;
}

std::vector<Candidate> CandidateScorer::rank(const std::vector<slskd::PeerResponse>& responses,
                                             const std::map<std::string, int>& peer_failures) {
  struct Ranked {
    Candidate candidate;
    bool free_slot;
    int queue;
  };
  std::vector<Ranked> ranked;
  for (const auto& peer : responses) {
    const auto failures_it = peer_failures.find(peer.username);
    const int failures = failures_it == peer_failures.end() ? 0 : failures_it->second;
    if (failures >= m_options.fails_to_ignore) {
      continue;
    }
    for (const auto& file : peer.files) {
      auto score = this->score(peer, file, failures);
      if (score && score->total >= m_options.threshold) {
        ranked.push_back({Candidate{peer.username, file, std::move(*score)},
                          peer.has_free_upload_slot, peer.queue_length});
      }
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.candidate.score.total != b.candidate.score.total) {
      return a.candidate.score.total > b.candidate.score.total;
    }
    if (a.free_slot != b.free_slot) {
      return a.free_slot;
    }
    if (a.queue != b.queue) {
      return a.queue < b.queue;
    }
    return std::tie(a.candidate.username, a.candidate.file.filename) <
           std::tie(b.candidate.username, b.candidate.file.filename);
  });
  std::vector<Candidate> out;
  out.reserve(ranked.size());
  for (auto& entry : ranked) {
    out.push_back(std::move(entry.candidate));
  }
  return out;
}

}  // namespace harmony::harmonyd::hdm
