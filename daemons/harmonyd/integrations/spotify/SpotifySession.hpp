#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/Clock.hpp"
#include "integrations/spotify/AccountsClient.hpp"
#include "integrations/spotify/Failure.hpp"
#include "integrations/spotify/Records.hpp"
#include "integrations/spotify/SessionStore.hpp"
#include "integrations/spotify/TokenSource.hpp"
#include "integrations/spotify/WebApi.hpp"
#include "metrics/Registry.hpp"

namespace harmony::harmonyd::spotify {

struct SessionOptions {
  std::string redirect_uri;
  std::string scopes;
  std::chrono::milliseconds state_ttl{600'000};
  std::size_t max_pending = 50;
};

struct StartedLogin {
  std::string authorization_url;
  std::string state;
  std::string redirect_uri;
  std::int64_t expires_ms = 0;
};

struct SessionStatus {
  bool connected = false;
  std::string user_id;
  std::string user_name;
  std::string scope;
  std::int64_t expires_ms = 0;
  std::string reason;  // why there is no session (a refused refresh token), or ""
};

// The user side of Spotify: the Authorization Code + PKCE (S256) login and the user's tokens.
// Logins are OAuthTransactions in the SessionStore (single use, OAUTH_STATE_TTL, at most 50
// pending); tokens are refreshed ahead of expiry and once after a 401, the rotated refresh
// token stored before the new access token is used; a refused refresh token ends the session
// with its reason instead of retrying. Thread-safe; token refreshes are serialised.
class SpotifySession final : public TokenSource {
 public:
  SpotifySession(SessionOptions options, AccountsClient& accounts, WebApi& api, SessionStore& store,
                 const Clock& clock, metrics::Registry* metrics = nullptr);

  Result<StartedLogin> start();
  // Completes a login from the redirect's query parameters (code, state, error). Returns the
  // state. Failures carry Failure::state_mismatch, code_expired, invalid_redirect,
  // access_denied or token_exchange_failed; the stored session is untouched by any of them.
  Result<std::string> complete(const std::map<std::string, std::string>& params);
  // The same from the full URL the browser ended on, which must be our redirect URI.
  Result<std::string> complete_from_url(const std::string& url);
  Result<std::optional<OAuthTransaction>> transaction(const std::string& state);
  SessionStatus status();
  Result<void> forget();

  Result<log::Secret> access_token() override;
  Result<log::Secret> refresh_after_rejection(const log::Secret& rejected) override;

 private:
  std::int64_t now_ms() const;
  Result<log::Secret> refresh_locked();  // callers hold m_mutex
  Result<void> load_locked();
  Error fail(const std::string& state, Failure why, std::string message);

  SessionOptions m_options;
  AccountsClient& m_accounts;
  WebApi& m_api;
  SessionStore& m_store;
  const Clock& m_clock;
  metrics::Registry* m_metrics;
  std::mutex m_mutex;
  bool m_loaded = false;
  std::optional<StoredSession> m_session;
  std::string m_reason;
};

// Query parameters of a URL, percent-decoded; nothing when a parameter is malformed.
std::optional<std::map<std::string, std::string>> query_parameters(std::string_view url);

}  // namespace harmony::harmonyd::spotify
