#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/Result.hpp"

namespace harmony::harmonyd::ui {

// A browser session: the cookie's token, the CSRF token its forms carry, and whether it was
// opened by logging in with an API key (false: the UI is open and the session only carries the
// CSRF token). Times are wall-clock milliseconds.
struct Session {
  std::string token;
  std::string csrf;
  bool authenticated = false;
  std::int64_t created_ms = 0;
  std::int64_t last_seen_ms = 0;
};

// Where sessions live (SQLite in harmonyd, a map in unit tests). Thread-safe.
class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual Result<void> insert(const Session& session) = 0;
  virtual Result<std::optional<Session>> find(const std::string& token) = 0;
  virtual Result<void> touch(const std::string& token, std::int64_t last_seen_ms) = 0;
  virtual Result<void> remove(const std::string& token) = 0;
  // Removes sessions last seen before `cutoff_ms`; returns how many.
  virtual Result<std::int64_t> remove_idle(std::int64_t cutoff_ms) = 0;
};

}  // namespace harmony::harmonyd::ui
