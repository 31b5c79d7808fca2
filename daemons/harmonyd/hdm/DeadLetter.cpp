#include "hdm/DeadLetter.hpp"

#include <algorithm>

namespace harmony::harmonyd::hdm {

std::string_view dead_letter_reason(const Job& job) noexcept {
  if (job.candidates.empty()) {
    // The engine's own words when a search came back without an acceptable file.
    return job.last_error.rfind("no file from", 0) == 0 ? "no_match" : "search_failed";
  }
  if (job.candidate_index >= job.candidates.size()) {
    return "candidates_failed";
  }
  return "filing_failed";
}

bool is_dead_letter_reason(std::string_view text) noexcept {
  return std::find(k_dead_letter_reasons.begin(), k_dead_letter_reasons.end(), text) !=
         k_dead_letter_reasons.end();
}

}  // namespace harmony::harmonyd::hdm
