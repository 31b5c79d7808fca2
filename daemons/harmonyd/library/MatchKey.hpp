#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace harmony::harmonyd::library {

// Two durations within this are the same recording (the "never twice" rule of watchlists and
// imports: same ISRC, or same normalised artist and title with a duration within 3 s).
inline constexpr std::chrono::milliseconds k_duration_tolerance{3'000};

// The normalised artist and title (NFKC, case-folded, accents and punctuation stripped, as the
// download scorer compares them), joined by a separator that normalisation never produces.
std::string match_key(std::string_view artist, std::string_view title);

// An ISRC in its canonical 12-character form (upper case, without the hyphens or spaces some
// taggers write), or empty when `text` is not one: two letters, three alphanumerics, seven
// digits.
std::string normalise_isrc(std::string_view text);

}  // namespace harmony::harmonyd::library
