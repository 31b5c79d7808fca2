// M3U/M3U8 playlists: `#EXTINF:<seconds>,Artist - Title` describes the entry that follows.
#include <charconv>

#include <fmt/format.h>

#include "imports/ImportParsers.hpp"
#include "imports/TextLines.hpp"

namespace harmony::harmonyd::imports {
namespace {

// The file name of a path or URL without its extension: "Artist - Title".
std::string_view stem(std::string_view entry) {
  const auto slash = entry.find_last_of("/\\");
  auto name = slash == std::string_view::npos ? entry : entry.substr(slash + 1);
  const auto dot = name.rfind('.');
  if (dot != std::string_view::npos && dot > 0 && name.size() - dot <= 5) {
    name = name.substr(0, dot);
  }
  return name;
}

// "#EXTINF:243,The Beatles - Let It Be" (attributes before the comma are allowed).
ImportLine extinf_line(std::string_view directive, std::size_t number) {
  const auto body = directive.substr(8);
  const auto comma = body.find(',');
  if (comma == std::string_view::npos) {
    ImportLine line;
    line.line = number;
    line.text = echo(directive);
    line.reason = "#EXTINF needs '<seconds>,Artist - Title'";
    return line;
  }
  ImportLine line = parse_line(body.substr(comma + 1), number);
  line.text = echo(directive);
  const auto seconds_text = trim(body.substr(0, body.find_first_of(" ,")));
  std::int64_t seconds = 0;
  const auto [end, ec] =
      std::from_chars(seconds_text.data(), seconds_text.data() + seconds_text.size(), seconds);
  if (line.kind == LineKind::track && ec == std::errc() && seconds > 0 && seconds <= 86'400) {
    line.duration_ms = seconds * 1000;
  }
  return line;
}

}  // namespace

Result<ParsedImport> parse_m3u(std::string_view input) {
  std::string_view text;
  HARMONY_TRY_ASSIGN(text, strip_bom(input));
  std::vector<std::string_view> lines;
  HARMONY_TRY_ASSIGN(lines, split_lines(text, k_max_lines));
  ParsedImport parsed;
  parsed.format = ImportFormat::m3u;
  std::optional<ImportLine> pending;  // the #EXTINF waiting for its entry
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto raw = lines[i];
    const auto line = trim(raw);
    if (line.rfind("#EXTINF:", 0) == 0) {
      if (pending) {
        parsed.lines.push_back(std::move(*pending));  // an #EXTINF without an entry still counts
      }
      pending = raw.size() > k_max_line_bytes ? parse_line(raw, i + 1) : extinf_line(line, i + 1);
      continue;
    }
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (pending) {
      // A Spotify link as the entry says more than the #EXTINF text.
      ImportLine entry = parse_line(line, i + 1);
      const bool spotify = entry.kind != LineKind::track && entry.kind != LineKind::invalid;
      parsed.lines.push_back(spotify ? std::move(entry) : std::move(*pending));
      pending.reset();
      continue;
    }
    // A bare entry is a Spotify link or a file whose name says "Artist - Title".
    ImportLine entry = parse_line(line, i + 1);
    const bool spotify = entry.kind != LineKind::track && entry.kind != LineKind::invalid;
    if (!spotify && raw.size() <= k_max_line_bytes && text_problem(raw).empty()) {
      entry = parse_line(stem(line), i + 1);
      entry.text = echo(line);
      if (entry.kind == LineKind::invalid) {
        entry.reason = "no #EXTINF before it and its file name is not 'Artist - Title'";
      }
    }
    parsed.lines.push_back(std::move(entry));
  }
  if (pending) {
    parsed.lines.push_back(std::move(*pending));
  }
  return parsed;
}

}  // namespace harmony::harmonyd::imports
