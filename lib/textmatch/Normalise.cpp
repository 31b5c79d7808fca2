#include "textmatch/Normalise.hpp"

#include <utf8proc.h>

#include <cstdlib>

#include "textmatch/Utf8.hpp"

namespace harmony::textmatch {
namespace {

// Appends `c` (already folded) unless it is a separator; separators collapse to one space.
void append_ascii(std::string& out, char c) {
  const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  if (alnum) {
    out.push_back(c);
  } else if (!out.empty() && out.back() != ' ') {
    out.push_back(' ');
  }
}

char fold_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return true;
}

// Keeps letters and digits of any script; everything else separates words.
bool is_word_char(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Drops bytes that do not start a valid UTF-8 sequence so utf8proc_map never rejects the text.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t len = utf8_sequence_length(text, pos);
    if (len == 0) {
      ++pos;
      continue;
    }
    out.append(text.substr(pos, len));
    pos += len;
  }
  return out;
}

}  // namespace

std::string normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  if (is_ascii(text)) {
    for (const char c : text) {
      append_ascii(out, fold_ascii(c));
    }
  } else {
    const std::string clean = valid_utf8(text);
    utf8proc_uint8_t* mapped = nullptr;
    const auto options =
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    const auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                                  static_cast<utf8proc_ssize_t>(clean.size()), &mapped, options);
    if (len < 0) {
      return {};
    }
    utf8proc_ssize_t pos = 0;
    while (pos < len) {
      utf8proc_int32_t cp = 0;
      const auto step = utf8proc_iterate(mapped + pos, len - pos, &cp);
      if (step <= 0) {
        break;
      }
      if (cp < 0x80) {
        append_ascii(out, static_cast<char>(cp));
      } else if (is_word_char(cp)) {
        out.append(reinterpret_cast<const char*>(mapped + pos), static_cast<std::size_t>(step));
      } else if (!out.empty() && out.back() != ' ') {
        out.push_back(' ');
      }
      pos += step;
    }
    std::free(mapped);
  }
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

}  // namespace harmony::textmatch
