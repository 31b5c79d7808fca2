#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hdm/Job.hpp"

namespace harmony::harmonyd::hdm {

// Why a job ended in the dead-letter list, as a word an operator can filter and count by:
//  - no_match: every search round ended without a file scoring at least MATCH_THRESHOLD;
//  - search_failed: the last round's search itself failed (slskd refused or lost it);
//  - candidates_failed: files matched, but every transfer from them failed;
//  - filing_failed: a file arrived but could not be verified, tagged or moved into MUSIC_DIR.
inline constexpr std::array<std::string_view, 4> k_dead_letter_reasons{
    "no_match", "search_failed", "candidates_failed", "filing_failed"};

// The reason for a dead-lettered job, read from what its last round left behind (candidates,
// the candidate being tried, the last error).
std::string_view dead_letter_reason(const Job& job) noexcept;
bool is_dead_letter_reason(std::string_view text) noexcept;

struct DeadLetterStats {
  std::int64_t total = 0;
  std::map<std::string, std::int64_t> by_reason;  // every reason, zero included
  std::int64_t last_24h = 0;                      // dead-lettered in the last 24 hours
};

// Which dead letters a purge removes: those with one of `ids`, and/or those dead-lettered
// longer than `older_than` ago. Jobs in other states are never touched.
struct DeadLetterPurge {
  std::vector<std::int64_t> ids;
  std::optional<std::chrono::milliseconds> older_than;
};

}  // namespace harmony::harmonyd::hdm
