#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/Result.hpp"
#include "log/Redact.hpp"

namespace harmony::harmonyd::spotify {

// One started login: PKCE verifier and where it may come back, until it is used or expires.
// status: pending → exchanging → completed | failed; or expired.
struct OAuthTransaction {
  std::string state;
  log::Secret verifier;
  std::string redirect_uri;
  std::string status = "pending";
  std::int64_t created_ms = 0;  // unix milliseconds
  std::int64_t expires_ms = 0;
  std::int64_t completed_ms = 0;
  std::string error_code;
  std::string message;
};

// The connected user's tokens. A session exists while it has a refresh token.
struct StoredSession {
  log::Secret access_token;
  log::Secret refresh_token;
  std::string scope;
  std::int64_t expires_ms = 0;
  std::int64_t obtained_ms = 0;  // when the access token was granted
  std::string user_id;
  std::string user_name;
};

// Where OAuth transactions and the user's tokens persist (SQLite in the daemon,
// store/SpotifySessionRepository; a map in unit tests), so a login started before a restart
// still completes and a connection survives restarts. Thread-safe.
class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // Adds a pending transaction; the oldest pending ones beyond `max_pending` are dropped.
  virtual Result<void> add_transaction(const OAuthTransaction& transaction,
                                       std::size_t max_pending) = 0;
  virtual Result<std::optional<OAuthTransaction>> find_transaction(const std::string& state) = 0;
  // pending → exchanging in one step; false when it was not pending (unknown or used), so a
  // state is exchanged at most once even when the callback and the manual route race.
  virtual Result<bool> claim_transaction(const std::string& state) = 0;
  virtual Result<void> finish_transaction(const std::string& state, std::string_view status,
                                          std::string_view error_code, const std::string& message,
                                          std::int64_t at_ms) = 0;
  virtual Result<std::optional<StoredSession>> load_session() = 0;
  // Replaces the session in one transaction: a rotated refresh token is stored together with
  // the access token it came with, before that token is used.
  virtual Result<void> save_session(const StoredSession& session) = 0;
  // Forgets the tokens; `reason` says why (empty when the user disconnected).
  virtual Result<void> clear_session(const std::string& reason) = 0;
  virtual Result<std::string> last_reason() = 0;
};

}  // namespace harmony::harmonyd::spotify
