#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.hpp"

namespace harmony::containers {

// A regular expression (RE2 syntax, linear time) searched in process command lines, like
// `pgrep -f`. Command lines come from the container and are untrusted; RE2 keeps the match bounded.
// Copyable; the compiled expression is shared and immutable, so matching is thread-safe.
class ProcessPattern {
 public:
  // ErrorKind::usage naming the pattern when it does not compile.
  static Result<ProcessPattern> compile(std::string_view pattern);

  bool matches(std::string_view command_line) const;
  bool matches_any(const std::vector<std::string>& command_lines) const;
  const std::string& text() const noexcept { return m_text; }

 private:
  struct Compiled;
  ProcessPattern(std::string text, std::shared_ptr<const Compiled> compiled);

  std::string m_text;
  std::shared_ptr<const Compiled> m_compiled;
};

}  // namespace harmony::containers
