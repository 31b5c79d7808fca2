#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.hpp"
#include "integrations/slskd/Types.hpp"

namespace harmony::harmonyd::hdm {

// The order of preferred formats (PREFERRED_FORMATS), best first, e.g.
// "flac 24/96, flac, mp3 320, mp3 V0, mp3 256, mp3". An entry is an extension and an optional
// quality: a bitrate in kbps (CBR at least that), "V0".."V9" (LAME VBR presets, judged by the
// reported average bitrate), or "<bits>/<kHz>" for lossless. A file takes the first entry it
// satisfies; files with an unknown bitrate match only entries without a quality.
class FormatPreference {
 public:
  static constexpr std::string_view k_default =
      "flac, mp3 320, mp3 V0, mp3 256, mp3 192, ogg, m4a, mp3";

  // Errors name the entry and PREFERRED_FORMATS (ErrorKind::config).
  static Result<FormatPreference> parse(std::string_view text);

  // Index of the first matching entry, or nothing.
  std::optional<std::size_t> rank(const slskd::SearchFile& file, std::string_view extension) const;
  // 1.0 for the first entry down to 1/n for the last; 0 when no entry matches.
  double score(const slskd::SearchFile& file, std::string_view extension) const {
    return score_for_rank(rank(file, extension));
  }
  double score_for_rank(std::optional<std::size_t> index) const;
  std::size_t size() const noexcept { return m_entries.size(); }
  // "mp3 320" for display in a score breakdown.
  const std::string& label(std::size_t index) const { return m_entries.at(index).label; }

 private:
  struct Entry {
    std::string label;
    std::string extension;
    int min_bit_rate = 0;  // kbps; 0 = any
    bool vbr = false;
    int min_bit_depth = 0;
    int min_sample_rate = 0;
  };
  static bool matches(const Entry& entry, const slskd::SearchFile& file, std::string_view ext);

  std::vector<Entry> m_entries;
};

// True for extensions of audio formats harmonyd files into the library.
bool is_audio_extension(std::string_view extension);

}  // namespace harmony::harmonyd::hdm
