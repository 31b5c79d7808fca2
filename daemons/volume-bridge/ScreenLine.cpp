#include "ScreenLine.hpp"

#include <algorithm>

#include "SpeakerState.hpp"
#include "Utf8.hpp"

namespace harmony::bridge {
namespace {

constexpr std::size_t k_min_bar_cells = 10;

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// The inside of `x…x`, or of a window cut short by a truncated capture (`x…`).
WindowText inside(std::size_t slot, std::string_view window) {
  std::string_view body = window.substr(1);
  const std::size_t points = utf8::count(window);
  bool full = false;
  if (points == k_window_columns && window.back() == 'x') {
    body.remove_suffix(1);
    full = !body.empty() && body.back() != ' ';
  }
  return WindowText{slot, trim_right(body), full};
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  return trim_right(text);
}

std::vector<WindowText> split_windows(std::string_view line) {
  std::vector<WindowText> windows;
  line = trim_right(line);
  if (line.empty() || line.front() != 'x') {
    return windows;
  }
  const std::size_t points = utf8::count(line);
  if (points >= 2 * k_window_columns && line.back() == 'x') {
    const std::size_t right_at = utf8::offset_of(line, points - k_window_columns);
    std::string_view left = line.substr(0, right_at);
    const std::string_view right = line.substr(right_at);
    if (right.front() == 'x' && left.size() >= 2 && left.back() == 'x') {
      left.remove_suffix(1);
      const std::string_view body = left.substr(1);
      const bool full = !body.empty() && body.back() != ' ';
      windows.push_back(WindowText{0, trim_right(body), full});
      windows.push_back(inside(1, right));
      return windows;
    }
  }
  if (points <= k_window_columns) {
    windows.push_back(inside(0, line));
    return windows;
  }
  // A left window followed by a cut-off right one: split at the left window's border column.
  const std::size_t right_at = utf8::offset_of(line, k_window_columns);
  const std::string_view left = line.substr(0, right_at);
  windows.push_back(inside(0, left));
  if (line[right_at] == 'x') {
    windows.push_back(inside(1, line.substr(right_at)));
  }
  return windows;
}

std::optional<int> parse_volume_bar(std::string_view line, bool labelled) {
  line = trim(line);
  if (line.size() < k_min_bar_cells + 2 || line.front() != 'l' || line.back() != 'k') {
    return std::nullopt;
  }
  const std::string_view cells = line.substr(1, line.size() - 2);
  if (!std::all_of(cells.begin(), cells.end(), [](char c) { return c == '#' || c == 'q'; })) {
    return std::nullopt;
  }
  const auto hashes = static_cast<std::size_t>(std::count(cells.begin(), cells.end(), '#'));
  if (hashes == 0 && !labelled) {
    return std::nullopt;
  }
  const std::size_t width = std::max(cells.size(), static_cast<std::size_t>(k_volume_steps));
  const auto scaled = (hashes * static_cast<std::size_t>(k_volume_steps) + width / 2) / width;
  return static_cast<int>(std::min(scaled, static_cast<std::size_t>(k_volume_steps)));
}

std::optional<std::int64_t> parse_count(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 15) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<std::int64_t> parse_position_line(std::string_view line) {
  const std::size_t slash = line.find('/');
  if (slash == std::string_view::npos || !parse_count(line.substr(slash + 1))) {
    return std::nullopt;
  }
  return parse_count(line.substr(0, slash));
}

}  // namespace harmony::bridge
