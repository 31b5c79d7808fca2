#include "core/Duration.hpp"

#include <fmt/format.h>
#include <charconv>
#include <cmath>

namespace harmony {
namespace {

struct Unit {
  std::string_view suffix;
  double milliseconds;
};

// Longest suffixes first so "ms" is not read as "m".
constexpr Unit k_units[] = {{"ms", 1.0}, {"h", 3'600'000.0}, {"m", 60'000.0}, {"s", 1000.0}};

Error invalid(std::string_view text) {
  return make_error(
      ErrorKind::invalid,
      fmt::format("'{}' is not a duration (use e.g. 500ms, 5s, 2m, 1h, 1m30s)", text));
}

}  // namespace

Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty() || text.size() > 32) {
    return invalid(text);
  }
  double total = 0;
  std::string_view rest = text;
  bool bare_number_allowed = true;
  while (!rest.empty()) {
    double number = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
    if (ec != std::errc{} || !std::isfinite(number) || number < 0 || rest.front() == '-') {
      return invalid(text);
    }
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    if (rest.empty()) {
      if (!bare_number_allowed) {
        return invalid(text);
      }
      total += number * 1000.0;
      break;
    }
    const Unit* unit = nullptr;
    for (const Unit& candidate : k_units) {
      if (rest.starts_with(candidate.suffix)) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) {
      return invalid(text);
    }
    rest.remove_prefix(unit->suffix.size());
    total += number * unit->milliseconds;
    bare_number_allowed = false;
  }
  if (total > 1e12) {
    return invalid(text);
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(total)));
}

std::string format_duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms < 1000) {
    return fmt::format("{}ms", ms);
  }
  if (ms < 60'000) {
    return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
  }
  return fmt::format("{}m{:02}s", ms / 60'000, (ms % 60'000) / 1000);
}

}  // namespace harmony
