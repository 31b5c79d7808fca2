#include "VolumeCurve.hpp"

#include <algorithm>
#include <cmath>

namespace harmony::bridge {
namespace {

constexpr long k_max_linear_db_span = 2400;  // alsamixer: MAX_LINEAR_DB_SCALE (24 dB)

double clamp01(double level) {
  return std::isnan(level) ? 0.0 : std::clamp(level, 0.0, 1.0);
}

bool linear_in_db(long min_db, long max_db) {
  return max_db - min_db <= k_max_linear_db_span;
}

}  // namespace

std::optional<CurveKind> parse_curve(std::string_view text) noexcept {
  if (text == "linear") {
    return CurveKind::linear;
  }
  if (text == "db") {
    return CurveKind::db;
  }
  return std::nullopt;
}

long linear_to_raw(double level, long min, long max) noexcept {
  return min + std::lround(clamp01(level) * static_cast<double>(max - min));
}

double raw_to_linear(long raw, long min, long max) noexcept {
  if (max <= min) {
    return 0.0;
  }
  return clamp01(static_cast<double>(raw - min) / static_cast<double>(max - min));
}

long mapped_to_db(double level, long min_db, long max_db) noexcept {
  level = clamp01(level);
  if (linear_in_db(min_db, max_db)) {
    return min_db + std::lround(level * static_cast<double>(max_db - min_db));
  }
  const double min_norm = std::pow(10.0, static_cast<double>(min_db - max_db) / 6000.0);
  const double scaled = level * (1.0 - min_norm) + min_norm;
  return std::lround(6000.0 * std::log10(scaled)) + max_db;
}

double db_to_mapped(long centi_db, long min_db, long max_db) noexcept {
  if (max_db <= min_db) {
    return 0.0;
  }
  if (linear_in_db(min_db, max_db)) {
    return clamp01(static_cast<double>(centi_db - min_db) / static_cast<double>(max_db - min_db));
  }
  const double norm = std::pow(10.0, static_cast<double>(centi_db - max_db) / 6000.0);
  const double min_norm = std::pow(10.0, static_cast<double>(min_db - max_db) / 6000.0);
  return clamp01((norm - min_norm) / (1.0 - min_norm));
}

}  // namespace harmony::bridge
