#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace harmony::bridge {

// Width of one controller window, borders included.
inline constexpr std::size_t k_window_columns = 40;

// The inside of one bordered window on one screen line.
struct WindowText {
  std::size_t slot = 0;   // 0 = left window, 1 = right window
  std::string_view text;  // without the border letters; trailing blanks removed
  bool full = false;      // the text reached the right border (a value may wrap)
};

// Splits a screen line into the insides of its windows. Columns are counted in code points from
// the right-hand end, so wide or multi-byte characters in the left window do not shift the right
// one. A line that does not start with the `x` border yields nothing.
std::vector<WindowText> split_windows(std::string_view line);

// A volume bar on this line: `l` + `#`/`q` cells + `k`. `labelled` says the line above was the
// `volume` label, which is what makes an all-`q` bar (volume 0) a bar and not a window border.
// Returns the level on the k_volume_steps scale (a wider bar is scaled, never above full).
std::optional<int> parse_volume_bar(std::string_view line, bool labelled);

// `  38 / 227` → 38.
std::optional<std::int64_t> parse_position_line(std::string_view line);

// Non-negative decimal with at most 15 digits, surrounded by optional blanks.
std::optional<std::int64_t> parse_count(std::string_view text);

std::string_view trim(std::string_view text);

}  // namespace harmony::bridge
