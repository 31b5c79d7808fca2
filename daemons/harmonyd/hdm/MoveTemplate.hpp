#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/Result.hpp"
#include "hdm/TrackRequest.hpp"

namespace harmony::harmonyd::hdm {

// MOVE_TEMPLATE: where a file goes under MUSIC_DIR, e.g. the default
// "{artist}/{album} ({year})/{track:02} - {title}.{ext}". Placeholders: artist, album, title,
// year, track, isrc, ext; numbers take a zero-padded width ("{track:02}"). '/' separates folders.
// Checked once at startup (parse), so a typo stops harmonyd with a config error instead of
// failing every download. Rendering never leaves MUSIC_DIR: values cannot add folders, and
// every segment goes through files::sanitise_segment. Missing values: album → "Unknown Album";
// year and track → empty, and the "()" or " - " left around them is removed.
class MoveTemplate {
 public:
  static constexpr std::string_view k_default =
      "{artist}/{album} ({year})/{track:02} - {title}.{ext}";

  static Result<MoveTemplate> parse(std::string_view text);
  // A relative path ("The Beatles/Let It Be (1970)/06 - Let It Be.flac").
  std::string render(const TrackRequest& request, std::string_view extension) const;
  const std::string& text() const noexcept { return m_text; }

 private:
  struct Part {
    bool placeholder = false;
    std::string text;  // literal text, or the placeholder name
    int width = 0;     // zero-padding for numbers
  };
  using Segment = std::vector<Part>;

  std::string m_text;
  std::vector<Segment> m_segments;
};

}  // namespace harmony::harmonyd::hdm
