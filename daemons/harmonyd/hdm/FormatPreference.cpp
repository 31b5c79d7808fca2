#include "hdm/FormatPreference.hpp"

#include <array>
#include <charconv>

#include <fmt/format.h>

namespace harmony::harmonyd::hdm {
namespace {

// Lowest average bitrate (kbps) accepted for each LAME VBR preset V0..V9.
constexpr std::array<int, 10> k_vbr_floor{220, 190, 170, 150, 140, 120, 100, 80, 70, 60};

std::string trim_lower(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' && c != '\t') {
      out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

bool parse_int(std::string_view text, int& out) {
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && out >= 0;
}

Error bad_entry(std::string_view entry, std::string_view why) {
  return make_error(ErrorKind::config,
                    fmt::format("PREFERRED_FORMATS entry '{}' {}; write entries like 'flac', "
                                "'flac 24/96', 'mp3 320' or 'mp3 V0', separated by commas",
                                entry, why));
}

}  // namespace

bool is_audio_extension(std::string_view extension) {
  static constexpr std::array<std::string_view, 14> k_audio{"flac", "mp3", "ogg",  "opus", "m4a",
                                                            "aac",  "wav", "aiff", "aif",  "alac",
                                                            "wma",  "ape", "wv",   "mpc"};
  for (const auto known : k_audio) {
    if (known == extension) {
      return true;
    }
  }
  return false;
}

Result<FormatPreference> FormatPreference::parse(std::string_view text) {
  FormatPreference preference;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto stop = comma == std::string_view::npos ? text.size() : comma;
    const std::string entry_text = trim_lower(text.substr(start, stop - start));
    start = stop + 1;
    if (entry_text.empty()) {
      if (comma == std::string_view::npos) {
        break;
      }
      continue;
    }
    Entry entry;
    entry.label = entry_text;
    const auto space = entry_text.find(' ');
    entry.extension = entry_text.substr(0, space);
    if (!is_audio_extension(entry.extension)) {
      return bad_entry(entry_text, "names no audio format harmonyd knows");
    }
    if (space != std::string::npos) {
      const std::string quality = entry_text.substr(space + 1);
      const auto slash = quality.find('/');
      int value = 0;
      if (quality.size() == 2 && quality[0] == 'v' && quality[1] >= '0' && quality[1] <= '9') {
        entry.vbr = true;
        entry.min_bit_rate = k_vbr_floor.at(static_cast<std::size_t>(quality[1] - '0'));
      } else if (slash != std::string::npos) {
        int khz = 0;
        if (!parse_int(quality.substr(0, slash), value) ||
            !parse_int(quality.substr(slash + 1), khz)) {
          return bad_entry(entry_text, "has a depth/rate that is not '<bits>/<kHz>'");
        }
        entry.min_bit_depth = value;
        entry.min_sample_rate = khz * 1000;
      } else if (parse_int(quality, value) && value > 0) {
        entry.min_bit_rate = value;
      } else {
        return bad_entry(entry_text, "has a quality that is not a bitrate, V0..V9 or bits/kHz");
      }
    }
    preference.m_entries.push_back(std::move(entry));
    if (comma == std::string_view::npos) {
      break;
    }
  }
  if (preference.m_entries.empty()) {
    return bad_entry(text, "is empty");
  }
  return preference;
}

bool FormatPreference::matches(const Entry& entry, const slskd::SearchFile& file,
                               std::string_view ext) {
  if (entry.extension != ext) {
    return false;
  }
  if (entry.min_bit_depth > 0 && (file.bit_depth.value_or(0) < entry.min_bit_depth ||
                                  file.sample_rate.value_or(0) < entry.min_sample_rate)) {
    return false;
  }
  if (entry.min_bit_rate == 0) {
    return true;
  }
  if (!file.bit_rate) {
    return false;
  }
  if (entry.vbr) {
    return file.is_variable_bit_rate.value_or(false) && *file.bit_rate >= entry.min_bit_rate;
  }
  // CBR entries: a little slack for peers that report 319 for 320.
  return !file.is_variable_bit_rate.value_or(false) && *file.bit_rate >= entry.min_bit_rate - 5;
}

std::optional<std::size_t> FormatPreference::rank(const slskd::SearchFile& file,
                                                  std::string_view extension) const {
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    if (matches(m_entries[i], file, extension)) {
      return i;
    }
  }
  return std::nullopt;
}

double FormatPreference::score_for_rank(std::optional<std::size_t> index) const {
  if (!index) {
    return 0.0;
  }
  return 1.0 - static_cast<double>(*index) / static_cast<double>(m_entries.size());
}

}  // namespace harmony::harmonyd::hdm
