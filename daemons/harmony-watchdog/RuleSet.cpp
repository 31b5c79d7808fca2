#include "RuleSet.hpp"

#include <re2/re2.h>

#include <fmt/format.h>

namespace harmony::watchdog {
namespace {

// Latin-1 makes RE2 treat the line as bytes: invalid UTF-8 cannot make a pattern miss or fail,
// and ASCII patterns (all of ours) mean the same. Memory is bounded per pattern.
RE2::Options options_for(bool ignore_case) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_case_sensitive(!ignore_case);
  options.set_log_errors(false);
  options.set_max_mem(std::int64_t{8} << 20);
  return options;
}

}  // namespace

std::string pattern_problem(const std::string& pattern, bool ignore_case) {
  if (pattern.empty()) {
    return "the pattern is empty and would match every line";
  }
  RE2 re(pattern, options_for(ignore_case));
  return re.ok() ? std::string() : re.error();
}

struct RuleSet::Compiled {
  std::string reason;
  std::vector<std::unique_ptr<RE2>> patterns;
  std::vector<std::unique_ptr<RE2>> unless;
};

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

Result<RuleSet> RuleSet::compile(const std::vector<RuleSettings>& rules) {
  RuleSet set;
  for (const RuleSettings& rule : rules) {
    auto compiled = std::make_unique<Compiled>();
    compiled->reason = rule.reason;
    auto add = [&](const std::vector<std::string>& texts,
                   std::vector<std::unique_ptr<RE2>>& out) -> std::optional<Error> {
      for (const std::string& text : texts) {
        auto re = std::make_unique<RE2>(text, options_for(rule.ignore_case));
        if (!re->ok()) {
          return make_error(ErrorKind::config,
                            fmt::format("rule '{}' (line {}): pattern '{}' does not compile: {}",
                                        rule.reason, rule.line, text, re->error()));
        }
        out.push_back(std::move(re));
      }
      return std::nullopt;
    };
    if (auto error = add(rule.patterns, compiled->patterns)) {
      return *error;
    }
    if (auto error = add(rule.unless, compiled->unless)) {
      return *error;
    }
    set.m_rules.push_back(std::move(compiled));
  }
  return set;
}

bool RuleSet::empty() const noexcept {
  return m_rules.empty();
}

std::optional<RuleMatch> RuleSet::match(std::string_view line) const {
  const re2::StringPiece text(line.data(), line.size());
  for (const auto& rule : m_rules) {
    const RE2* hit = nullptr;
    for (const auto& pattern : rule->patterns) {
      if (RE2::PartialMatch(text, *pattern)) {
        hit = pattern.get();
        break;
      }
    }
    if (hit == nullptr) {
      continue;
    }
    bool excluded = false;
    for (const auto& exclusion : rule->unless) {
      if (RE2::PartialMatch(text, *exclusion)) {
        excluded = true;
        break;
      }
    }
    if (!excluded) {
      return RuleMatch{rule->reason, hit->pattern()};
    }
  }
  return std::nullopt;
}

}  // namespace harmony::watchdog
