#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Settings.hpp"
#include "core/Result.hpp"

namespace harmony::watchdog {

// Why an RE2 pattern does not compile, or "" when it does.
std::string pattern_problem(const std::string& pattern, bool ignore_case);

struct RuleMatch {
  std::string reason;   // "token_expired"
  std::string pattern;  // the pattern that matched, for RULE=
};

// The log rules of one target, compiled once. A line is a detection when one of a rule's
// patterns matches it and none of that rule's `unless` patterns matches the SAME line (the
// original script applied its exclusion to a whole 30 s window, which hid real errors).
// Rules are tried in order; the first that fires wins. RE2 runs in linear time and never
// recurses, so a hostile or 1 MB line is safe; invalid UTF-8 is matched byte-wise, never
// rejected. Immutable after compile; thread-safe.
class RuleSet {
 public:
  static Result<RuleSet> compile(const std::vector<RuleSettings>& rules);
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  std::optional<RuleMatch> match(std::string_view line) const;
  bool empty() const noexcept;

 private:
  struct Compiled;
  std::vector<std::unique_ptr<Compiled>> m_rules;
};

}  // namespace harmony::watchdog
