#include "containers/ProcessPattern.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

namespace harmony::containers {

struct ProcessPattern::Compiled {
  explicit Compiled(std::string_view text)
      : re(re2::StringPiece(text.data(), text.size()), options()) {}
  static RE2::Options options() {
    RE2::Options o;
    o.set_log_errors(false);
    return o;
  }
  RE2 re;
};

ProcessPattern::ProcessPattern(std::string text, std::shared_ptr<const Compiled> compiled)
    : m_text(std::move(text)), m_compiled(std::move(compiled)) {}

Result<ProcessPattern> ProcessPattern::compile(std::string_view pattern) {
  if (pattern.empty()) {
    return make_error(ErrorKind::usage, "the process pattern is empty (give a name or RE2 regex)");
  }
  auto compiled = std::make_shared<const Compiled>(pattern);
  if (!compiled->re.ok()) {
    return make_error(ErrorKind::usage,
                      fmt::format("process pattern '{}' is not a valid RE2 regex: {}", pattern,
                                  compiled->re.error()));
  }
  return ProcessPattern(std::string(pattern), std::move(compiled));
}

bool ProcessPattern::matches(std::string_view command_line) const {
  return RE2::PartialMatch(re2::StringPiece(command_line.data(), command_line.size()),
                           m_compiled->re);
}

bool ProcessPattern::matches_any(const std::vector<std::string>& command_lines) const {
  for (const auto& line : command_lines) {
    if (matches(line)) {
      return true;
    }
  }
  return false;
}

}  // namespace harmony::containers
