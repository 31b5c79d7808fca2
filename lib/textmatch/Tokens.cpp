#include "textmatch/Tokens.hpp"

#include <algorithm>

namespace harmony::textmatch {

std::vector<std::string_view> split_words(std::string_view normalised) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < normalised.size()) {
    const auto end = normalised.find(' ', start);
    const auto stop = end == std::string_view::npos ? normalised.size() : end;
    if (stop > start) {
      words.push_back(normalised.substr(start, stop - start));
    }
    start = stop + 1;
  }
  return words;
}

bool contains_word(const std::vector<std::string_view>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

double word_recall(const std::vector<std::string_view>& wanted,
                   const std::vector<std::string_view>& have) {
  if (wanted.empty()) {
    return 1.0;
  }
  std::size_t found = 0;
  for (const auto word : wanted) {
    if (contains_word(have, word)) {
      ++found;
    }
  }
  return static_cast<double>(found) / static_cast<double>(wanted.size());
}

double word_dice(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  if (a.empty() && b.empty()) {
    return 1.0;
  }
  std::size_t common = 0;
  for (const auto word : a) {
    if (contains_word(b, word)) {
      ++common;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

}  // namespace harmony::textmatch
