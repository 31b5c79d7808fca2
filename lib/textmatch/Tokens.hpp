#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace harmony::textmatch {

// The words of an already normalised string (see normalise()); views into `normalised`, which
// must outlive the result.
std::vector<std::string_view> split_words(std::string_view normalised);

// Share of `wanted` words found in `have` (1.0 when `wanted` is empty): "did the candidate say
// everything we asked for". Order-insensitive; duplicates count once each.
double word_recall(const std::vector<std::string_view>& wanted,
                   const std::vector<std::string_view>& have);

// Sørensen–Dice coefficient of the two word sets, in [0, 1]: penalises extra words too.
double word_dice(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b);

bool contains_word(const std::vector<std::string_view>& words, std::string_view word);

}  // namespace harmony::textmatch
