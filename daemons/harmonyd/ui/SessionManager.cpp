#include "ui/SessionManager.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <stdexcept>

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::harmonyd::ui {
namespace {

constexpr std::int64_t k_touch_every_ms = 60'000;
constexpr std::int64_t k_prune_every_ms = std::int64_t{10} * 60'000;

// Tokens are hex, so anything else in a cookie is not ours and is never looked up.
bool well_formed_token(const std::string& token) {
  return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string SessionManager::random_token() {
  std::array<unsigned char, 32> bytes{};
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t got = getrandom(bytes.data() + filled, bytes.size() - filled, 0);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw std::runtime_error("getrandom failed; no session can be created");
    }
    filled += static_cast<std::size_t>(got);
  }
  std::string hex;
  hex.reserve(64);
  for (const unsigned char byte : bytes) {
    hex += fmt::format("{:02x}", byte);
  }
  return hex;
}

std::int64_t SessionManager::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             m_clock.wall_now().time_since_epoch())
      .count();
}

Result<Session> SessionManager::open(bool authenticated) {
  const std::int64_t now = now_ms();
  Session session{random_token(), random_token(), authenticated, now, now};
  if (auto inserted = m_store.insert(session); !inserted) {
    return std::move(inserted).error();
  }
  return session;
}

std::optional<Session> SessionManager::resolve(const http::Request& request,
                                               std::chrono::milliseconds ttl) {
  const auto token = cookie_value(request, k_session_cookie);
  if (!token || !well_formed_token(*token)) {
    return std::nullopt;
  }
  const std::int64_t now = now_ms();
  if (now - m_last_prune_ms.load() > k_prune_every_ms) {
    m_last_prune_ms = now;
    if (auto pruned = m_store.remove_idle(now - ttl.count()); !pruned) {
      log::warning("cannot remove idle UI sessions", {{"ERROR", pruned.error().message}});
    }
  }
  auto found = m_store.find(*token);
  if (!found || !*found) {
    return std::nullopt;
  }
  Session session = **found;
  if (now - session.last_seen_ms > ttl.count()) {
    (void)m_store.remove(session.token);
    return std::nullopt;
  }
  if (now - session.last_seen_ms > k_touch_every_ms) {
    session.last_seen_ms = now;
    (void)m_store.touch(session.token, now);
  }
  return session;
}

void SessionManager::close(const http::Request& request) {
  if (const auto token = cookie_value(request, k_session_cookie);
      token && well_formed_token(*token)) {
    (void)m_store.remove(*token);
  }
}

std::string SessionManager::cookie(const Session& session, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", k_session_cookie, session.token,
                     secure ? "; Secure" : "");
}

std::string SessionManager::clearing_cookie(bool secure) {
  return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}", k_session_cookie,
                     secure ? "; Secure" : "");
}

std::optional<std::string> SessionManager::cookie_value(const http::Request& request,
                                                        std::string_view name) {
  const auto header = request.header("Cookie");
  if (!header) {
    return std::nullopt;
  }
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto semicolon = rest.find(';');
    std::string_view pair = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') {
      pair.remove_prefix(1);
    }
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
  }
  return std::nullopt;
}

}  // namespace harmony::harmonyd::ui
