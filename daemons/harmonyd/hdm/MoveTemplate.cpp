#include "hdm/MoveTemplate.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "files/PathSegment.hpp"

namespace harmony::harmonyd::hdm {
namespace {

constexpr std::array<std::string_view, 7> k_names{"artist", "album", "title", "year",
                                                  "track",  "isrc",  "ext"};

Error bad(std::string_view text, std::string_view why) {
  return make_error(ErrorKind::config,
                    fmt::format("MOVE_TEMPLATE '{}' {}; placeholders are {{artist}}, {{album}}, "
                                "{{title}}, {{year}}, {{track:02}}, {{isrc}}, {{ext}}, e.g. '{}'",
                                text, why, MoveTemplate::k_default));
}

// Removes what an empty placeholder leaves behind: "()", "[]", doubled spaces, and dashes or
// spaces at either end.
std::string tidy(std::string text) {
  for (const std::string_view empty : {"()", "[]"}) {
    for (auto pos = text.find(empty); pos != std::string::npos; pos = text.find(empty)) {
      text.erase(pos, empty.size());
    }
  }
  for (auto pos = text.find("  "); pos != std::string::npos; pos = text.find("  ")) {
    text.erase(pos, 1);
  }
  const auto first = text.find_first_not_of(" -_");
  if (first == std::string::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" -_");
  text = text.substr(first, last - first + 1);
  for (auto pos = text.find(" - ."); pos != std::string::npos; pos = text.find(" - .")) {
    text.erase(pos, 3);  // "Title - .flac" when the title was empty
  }
  return text;
}

}  // namespace

Result<MoveTemplate> MoveTemplate::parse(std::string_view text) {
  MoveTemplate tmpl;
  tmpl.m_text = std::string(text);
  if (text.empty() || text.front() == '/') {
    return bad(text, "must be a relative path (it is placed under MUSIC_DIR)");
  }
  if (text.size() < 6 || text.substr(text.size() - 6) != ".{ext}") {
    return bad(text, "must end with '.{ext}' so files keep their format's extension");
  }
  Segment segment;
  std::string literal;
  auto flush_literal = [&] {
    if (!literal.empty()) {
      segment.push_back({false, literal, 0});
      literal.clear();
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') {
      return bad(text, fmt::format("has an unmatched '}}' at position {}", i + 1));
    }
    if (c == '/') {
      flush_literal();
      if (segment.empty()) {
        return bad(text, "has an empty folder ('//')");
      }
      tmpl.m_segments.push_back(std::move(segment));
      segment.clear();
      continue;
    }
    if (c != '{') {
      literal.push_back(c);
      continue;
    }
    const auto close = text.find('}', i);
    if (close == std::string_view::npos) {
      return bad(text, fmt::format("has an unclosed '{{' at position {}", i + 1));
    }
    std::string_view inside = text.substr(i + 1, close - i - 1);
    Part part{true, {}, 0};
    if (const auto colon = inside.find(':'); colon != std::string_view::npos) {
      const auto spec = inside.substr(colon + 1);
      if (spec.size() != 2 || spec[0] != '0' || spec[1] < '1' || spec[1] > '9') {
        return bad(text, fmt::format("has a format '{}' that is not a width like ':02'", spec));
      }
      part.width = spec[1] - '0';
      inside = inside.substr(0, colon);
    }
    if (std::find(k_names.begin(), k_names.end(), inside) == k_names.end()) {
      return bad(text, fmt::format("has an unknown placeholder '{{{}}}'", inside));
    }
    if (part.width > 0 && inside != "track" && inside != "year") {
      return bad(text, fmt::format("pads '{{{}}}', but only numbers can be padded", inside));
    }
    flush_literal();
    part.text = std::string(inside);
    segment.push_back(std::move(part));
    i = close;
  }
  flush_literal();
  tmpl.m_segments.push_back(std::move(segment));
  for (const auto& seg : tmpl.m_segments) {
    if (seg.size() == 1 && !seg[0].placeholder && (seg[0].text == ".." || seg[0].text == ".")) {
      return bad(text, "has a '.' or '..' folder");
    }
  }
  return tmpl;
}

std::string MoveTemplate::render(const TrackRequest& request, std::string_view extension) const {
  const auto number = [](const std::optional<int>& value, int width) -> std::string {
    if (!value) {
      return {};
    }
    return width > 0 ? fmt::format("{:0{}}", *value, width) : std::to_string(*value);
  };
  std::string path;
  for (const auto& segment : m_segments) {
    std::string rendered;
    for (const auto& part : segment) {
      if (!part.placeholder) {
        rendered += part.text;
        continue;
      }
      std::string value;
      if (part.text == "artist") {
        value = request.artist;
      } else if (part.text == "album") {
        value = request.album.empty() ? "Unknown Album" : request.album;
      } else if (part.text == "title") {
        value = request.title;
      } else if (part.text == "year") {
        value = number(request.year, part.width);
      } else if (part.text == "track") {
        value = number(request.track_number, part.width);
      } else if (part.text == "isrc") {
        value = request.isrc;
      } else {
        value = std::string(extension);
      }
      // A value is text inside one segment: it can never add a folder or climb out.
      rendered += value.empty() ? std::string()
                                : files::sanitise_segment(value, files::k_max_segment_bytes, "");
    }
    if (!path.empty()) {
      path += '/';
    }
    if (&segment != &m_segments.back()) {
      path += files::sanitise_segment(tidy(rendered));
      continue;
    }
    // The file name: cut the name, never the extension, when it is too long.
    const std::string ext = files::sanitise_segment(extension, 16, "bin");
    if (rendered.size() > ext.size() && rendered.ends_with("." + ext)) {
      rendered.resize(rendered.size() - ext.size() - 1);
    }
    path += files::sanitise_segment(tidy(rendered), files::k_max_segment_bytes - ext.size() - 1) +
            "." + ext;
  }
  return path;
}

}  // namespace harmony::harmonyd::hdm
