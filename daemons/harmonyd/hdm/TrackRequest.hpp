#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace harmony::harmonyd::hdm {

// What a person (POST /api/v1/downloads) or a watchlist asked for. artist and title are
// required.
struct TrackRequest {
  std::string artist;
  std::string title;
  std::string album;  // empty: unknown
  std::optional<int> year;
  std::optional<int> track_number;
  std::optional<std::int64_t> duration_ms;
  std::string isrc;  // empty: unknown
  // Defaulted so positional initialisers written before these members stay warning-free.
  std::optional<int> disc_number = std::nullopt;
  std::string source = "api";  // who asked: api, watchlist
};

// The idempotency key: "isrc:<ISRC upper-case>" when an ISRC is given, else
// "track:<artist>|<title>|<album>" with each part normalised (case, accents, punctuation).
std::string dedupe_key(const TrackRequest& request);

}  // namespace harmony::harmonyd::hdm
