#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/Error.hpp"

namespace harmony::harmonyd::health {

// not_configured: an optional integration nobody set up; it never fails readiness.
enum class CheckStatus { ok, fail, not_configured };
std::string_view to_string(CheckStatus status) noexcept;

// One readiness / selfcheck check. On failure `kind` decides selfcheck's exit code
// (config → 78, filesystem → 71, unavailable → 69, internal → 70) and `problem` is one line
// naming the thing and the fix.
struct CheckResult {
  CheckResult() = default;
  CheckResult(std::string check_name,
              CheckStatus check_status = CheckStatus::ok)  // NOLINT: implicit by design
      : name(std::move(check_name)), status(check_status) {}

  std::string name;
  CheckStatus status = CheckStatus::ok;
  nlohmann::json detail = nlohmann::json::object();
  ErrorKind kind = ErrorKind::internal;
  std::string problem;

  bool failed() const noexcept { return status == CheckStatus::fail; }
};

// A dependency readiness asks about (slskd, Spotify). Implementations bound their own time
// (HEALTH_DEP_TIMEOUT_MS) and must be thread-safe; the real clients replace them later.
class DependencyProbe {
 public:
  virtual ~DependencyProbe() = default;
  virtual CheckResult probe() = 0;
};

}  // namespace harmony::harmonyd::health
