// One pasted line: a Spotify link or URI, or "Artist - Title (Album)".
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "imports/ImportParsers.hpp"
#include "imports/TextLines.hpp"

namespace harmony::harmonyd::imports {
namespace {

bool is_base62_id(std::string_view id) {
  if (id.size() != 22) {
    return false;
  }
  for (const char c : id) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

LineKind kind_of(std::string_view type) {
  if (type == "track") {
    return LineKind::spotify_track;
  }
  if (type == "album") {
    return LineKind::spotify_album;
  }
  if (type == "playlist") {
    return LineKind::spotify_playlist;
  }
  return LineKind::invalid;
}

// https://open.spotify.com/[intl-xx/]<type>/<id>[?…] or spotify:<type>:<id>. False when `text`
// is not Spotify's at all; true with an invalid line when it is but cannot be used.
bool parse_spotify(std::string_view text, ImportLine& line) {
  std::string_view type;
  std::string_view id;
  constexpr std::array<std::string_view, 2> k_hosts{"https://open.spotify.com/",
                                                    "http://open.spotify.com/"};
  if (text.rfind("spotify:", 0) == 0) {
    const auto rest = text.substr(8);
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) {
      line.reason =
          "a Spotify URI is spotify:track:<id>, spotify:album:<id> or spotify:playlist:<id>";
      return true;
    }
    type = rest.substr(0, colon);
    id = rest.substr(colon + 1);
  } else {
    std::string_view path;
    for (const auto host : k_hosts) {
      if (text.rfind(host, 0) == 0) {
        path = text.substr(host.size());
      }
    }
    if (path.empty()) {
      return false;
    }
    path = path.substr(0, path.find_first_of("?#"));
    if (path.rfind("intl-", 0) == 0) {
      path = path.substr(std::min(path.size(), path.find('/') + 1));
    }
    const auto slash = path.find('/');
    type = path.substr(0, slash);
    id = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (!id.empty() && id.back() == '/') {
      id.remove_suffix(1);
    }
  }
  line.kind = kind_of(type);
  if (line.kind == LineKind::invalid) {
    line.reason =
        fmt::format("a Spotify {} link cannot be imported; use a track, album or playlist link",
                    type.empty() ? std::string_view("home") : type.substr(0, 20));
    return true;
  }
  if (!is_base62_id(id)) {
    line.kind = LineKind::invalid;
    line.reason = "the Spotify id is not 22 letters and digits; copy the link again";
    return true;
  }
  line.spotify_id = std::string(id);
  return true;
}

// The first " - " (or en/em dash between spaces) separates artist from title.
std::pair<std::size_t, std::size_t> dash(std::string_view text) {
  constexpr std::array<std::string_view, 3> k_dashes{" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
  std::pair<std::size_t, std::size_t> best{std::string_view::npos, 0};
  for (const auto d : k_dashes) {
    const auto at = text.find(d);
    if (at < best.first) {
      best = {at, d.size()};
    }
  }
  return best;
}

}  // namespace

ImportLine parse_line(std::string_view raw, std::size_t number) {
  ImportLine line;
  line.line = number;
  line.text = echo(raw);
  if (raw.size() > k_max_line_bytes) {
    line.reason =
        fmt::format("the line is {} bytes; at most {} are read", raw.size(), k_max_line_bytes);
    return line;
  }
  if (auto problem = text_problem(raw); !problem.empty()) {
    line.reason = "the line " + problem;
    return line;
  }
  const auto text = trim(raw);
  if (parse_spotify(text, line)) {
    return line;
  }
  // Padded, so "- Title" and "Artist -" are seen as a line with an empty side.
  std::string padded(1, ' ');  // appended, not concatenated: g++ 12 -O3 misreads the latter
  padded.append(text).push_back(' ');
  const auto [at, width] = dash(padded);
  if (at == std::string_view::npos) {
    line.reason = "not 'Artist - Title', 'Artist - Title (Album)' or a Spotify link";
    return line;
  }
  auto artist = trim(std::string_view(padded).substr(0, at));
  auto title = trim(std::string_view(padded).substr(at + width));
  std::string_view album;
  if (!title.empty() && title.back() == ')') {
    const auto open = title.rfind(" (");
    if (open != std::string_view::npos) {
      album = trim(title.substr(open + 2, title.size() - open - 3));
      title = trim(title.substr(0, open));
    }
  }
  if (artist.empty() || title.empty()) {
    line.reason =
        artist.empty() ? "the artist before ' - ' is empty" : "the title after ' - ' is empty";
    return line;
  }
  if (artist.size() > k_max_field_bytes || title.size() > k_max_field_bytes ||
      album.size() > k_max_field_bytes) {
    line.reason =
        fmt::format("artist, title and album are at most {} bytes each", k_max_field_bytes);
    return line;
  }
  line.kind = LineKind::track;
  line.artist = std::string(artist);
  line.title = std::string(title);
  line.album = std::string(album);
  return line;
}

}  // namespace harmony::harmonyd::imports
