#include "library/MatchKey.hpp"

#include "textmatch/Normalise.hpp"

namespace harmony::harmonyd::library {
namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string match_key(std::string_view artist, std::string_view title) {
  return textmatch::normalise(artist) + '\x1f' + textmatch::normalise(title);
}

std::string normalise_isrc(std::string_view text) {
  std::string isrc;
  for (const char c : text) {
    if (c == '-' || c == ' ') {
      continue;
    }
    if (isrc.size() == 12) {
      return {};
    }
    isrc += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (isrc.size() != 12 || !is_upper(isrc[0]) || !is_upper(isrc[1])) {
    return {};
  }
  for (std::size_t i = 2; i < 5; ++i) {
    if (!is_upper(isrc[i]) && !is_digit(isrc[i])) {
      return {};
    }
  }
  for (std::size_t i = 5; i < 12; ++i) {
    if (!is_digit(isrc[i])) {
      return {};
    }
  }
  return isrc;
}

}  // namespace harmony::harmonyd::library
