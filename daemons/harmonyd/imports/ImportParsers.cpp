#include "imports/ImportParsers.hpp"

#include <algorithm>
#include <cctype>

#include "imports/TextLines.hpp"

namespace harmony::harmonyd::imports {
namespace {

std::string lower_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  std::string ext(dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// The first non-blank line names artist and title among comma-separated words.
bool looks_like_csv(std::string_view text) {
  auto lines = split_lines(text.substr(0, 4096), 64);
  if (!lines) {
    return false;
  }
  for (const auto line : *lines) {
    if (trim(line).empty()) {
      continue;
    }
    std::string lowered(line);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lowered.find(',') != std::string::npos && lowered.find("artist") != std::string::npos &&
           lowered.find("title") != std::string::npos;
  }
  return false;
}

}  // namespace

std::string_view to_string(LineKind kind) noexcept {
  switch (kind) {
    case LineKind::track:
      return "track";
    case LineKind::spotify_track:
      return "spotify_track";
    case LineKind::spotify_album:
      return "spotify_album";
    case LineKind::spotify_playlist:
      return "spotify_playlist";
    case LineKind::invalid:
      return "invalid";
  }
  return "invalid";
}

std::string_view to_string(ImportFormat format) noexcept {
  switch (format) {
    case ImportFormat::text:
      return "text";
    case ImportFormat::csv:
      return "csv";
    case ImportFormat::m3u:
      return "m3u";
  }
  return "text";
}

Result<ParsedImport> parse_text(std::string_view input) {
  std::string_view text;
  HARMONY_TRY_ASSIGN(text, strip_bom(input));
  std::vector<std::string_view> lines;
  HARMONY_TRY_ASSIGN(lines, split_lines(text, k_max_lines));
  ParsedImport parsed;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = trim(lines[i]);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    parsed.lines.push_back(parse_line(lines[i], i + 1));
  }
  return parsed;
}

Result<ParsedImport> parse_import(std::string_view input, std::string_view file_name) {
  const auto ext = lower_extension(file_name);
  if (ext == "csv") {
    return parse_csv(input);
  }
  if (ext == "m3u" || ext == "m3u8") {
    return parse_m3u(input);
  }
  if (ext == "txt") {
    return parse_text(input);
  }
  auto text = strip_bom(input);
  if (!text) {
    return std::move(text).error();
  }
  const auto start = trim(text->substr(0, text->find_first_of("\r\n")));
  if (start.rfind("#EXTM3U", 0) == 0 || start.rfind("#EXTINF:", 0) == 0) {
    return parse_m3u(input);
  }
  return looks_like_csv(*text) ? parse_csv(input) : parse_text(input);
}

}  // namespace harmony::harmonyd::imports
