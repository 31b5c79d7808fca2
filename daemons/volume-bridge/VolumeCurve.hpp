#pragma once

#include <optional>
#include <string_view>

namespace harmony::bridge {

enum class CurveKind { linear, db };

std::optional<CurveKind> parse_curve(std::string_view text) noexcept;

// Maps a level 0..1 to a mixer value and back.
//  - linear: raw steps evenly over [min, max].
//  - db: alsamixer's "mapped volume" (volume_mapping.c): when the dB range spans more than
//    24 dB, level v → 6000·log10(v·(1−m)+m) + max_dB with m = 10^((min_dB−max_dB)/6000), so equal
//    level steps sound like equal loudness steps; narrower ranges are linear in dB. Values are
//    in hundredths of a dB. Without dB information the adapter falls back to linear raw steps.
// Pure functions; levels outside 0..1 are clamped.
long linear_to_raw(double level, long min, long max) noexcept;
double raw_to_linear(long raw, long min, long max) noexcept;
long mapped_to_db(double level, long min_db, long max_db) noexcept;
double db_to_mapped(long centi_db, long min_db, long max_db) noexcept;

}  // namespace harmony::bridge
