#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "http/Message.hpp"
#include "ui/SessionStore.hpp"

namespace harmony::harmonyd::ui {

inline constexpr std::string_view k_session_cookie = "harmony_session";

// Opens, resolves and closes sessions over a SessionStore. Tokens are 256 random bits from
// getrandom(2); a session expires after `ttl` without a request (idle expiry), and last_seen is
// written at most once a minute so polling pages do not turn into a write per second.
class SessionManager {
 public:
  SessionManager(SessionStore& store, const Clock& clock) : m_store(store), m_clock(clock) {}

  Result<Session> open(bool authenticated);
  // The live session behind the request's cookie, if any; an idle one is removed.
  std::optional<Session> resolve(const http::Request& request, std::chrono::milliseconds ttl);
  void close(const http::Request& request);

  // Set-Cookie for a session (HttpOnly, SameSite=Strict, Path=/, Secure when asked) and the
  // one that clears it.
  static std::string cookie(const Session& session, bool secure);
  static std::string clearing_cookie(bool secure);
  // The value of cookie `name` in the request's Cookie header.
  static std::optional<std::string> cookie_value(const http::Request& request,
                                                 std::string_view name);
  static std::string random_token();

 private:
  std::int64_t now_ms() const;

  SessionStore& m_store;
  const Clock& m_clock;
  std::atomic<std::int64_t> m_last_prune_ms{0};
};

}  // namespace harmony::harmonyd::ui
