#pragma once

#include <string>
#include <string_view>

namespace harmony::log {

// What a secret looks like wherever it is shown: logs, /env, error messages.
inline constexpr std::string_view k_redacted = "[redacted]";

// A value that must never be printed. It has no implicit conversion to string: code that wants
// the clear text calls reveal(), which is easy to find in review.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : m_value(std::move(value)) {}

  bool empty() const noexcept { return m_value.empty(); }
  const std::string& reveal() const noexcept { return m_value; }
  // "[redacted]" when set, "" when empty, so "is it configured" stays visible.
  std::string_view shown() const noexcept {
    return m_value.empty() ? std::string_view{} : k_redacted;
  }

 private:
  std::string m_value;
};

// True for key names that hold secrets by convention (…KEY, …TOKEN, …SECRET, …PASSWORD…).
bool is_secret_key(std::string_view key) noexcept;

// Replaces every occurrence of `secret` in `text` with [redacted]; for messages that may quote
// a URL or a header built from a secret.
std::string redact(std::string_view text, std::string_view secret);

}  // namespace harmony::log
