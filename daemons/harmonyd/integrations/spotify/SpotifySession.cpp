#include "integrations/spotify/SpotifySession.hpp"

#include <fmt/format.h>

#include "core/UrlEncode.hpp"
#include "integrations/spotify/Pkce.hpp"
#include "integrations/spotify/RecordJson.hpp"

namespace harmony::harmonyd::spotify {
namespace {

constexpr std::size_t k_max_parameter = 2048;  // codes are ~250 characters, states 43
constexpr auto k_refresh_early = std::chrono::seconds(60);

// A token source holding one freshly granted token, for the /me call that names the user.
class FixedToken final : public TokenSource {
 public:
  explicit FixedToken(log::Secret token) : m_token(std::move(token)) {}
  Result<log::Secret> access_token() override { return m_token; }
  Result<log::Secret> refresh_after_rejection(const log::Secret&) override {
    return failure(ErrorKind::unavailable, Failure::unauthenticated,
                   "Spotify refused the token it had just granted");
  }

 private:
  log::Secret m_token;
};

}  // namespace

std::optional<std::map<std::string, std::string>> query_parameters(std::string_view url) {
  const auto question = url.find('?');
  if (question == std::string_view::npos) {
    return std::map<std::string, std::string>{};
  }
  std::string_view query = url.substr(question + 1);
  auto pairs = parse_urlencoded(query.substr(0, query.find('#')));
  if (!pairs) {
    return std::nullopt;
  }
  std::map<std::string, std::string> params;
  for (auto& [key, value] : *pairs) {
    params.emplace(std::move(key), std::move(value));
  }
  return params;
}

SpotifySession::SpotifySession(SessionOptions options, AccountsClient& accounts, WebApi& api,
                               SessionStore& store, const Clock& clock, metrics::Registry* metrics)
    : m_options(std::move(options)),
      m_accounts(accounts),
      m_api(api),
      m_store(store),
      m_clock(clock),
      m_metrics(metrics) {}

std::int64_t SpotifySession::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             m_clock.wall_now().time_since_epoch())
      .count();
}

Result<StartedLogin> SpotifySession::start() {
  OAuthTransaction transaction;
  std::string verifier;
  HARMONY_TRY_ASSIGN(transaction.state, make_state());
  HARMONY_TRY_ASSIGN(verifier, make_verifier());
  transaction.verifier = log::Secret(verifier);
  transaction.redirect_uri = m_options.redirect_uri;
  transaction.created_ms = now_ms();
  transaction.expires_ms = transaction.created_ms + m_options.state_ttl.count();
  if (auto added = m_store.add_transaction(transaction, m_options.max_pending); !added) {
    return std::move(added).error();
  }
  return StartedLogin{m_accounts.authorize_url(transaction.state, challenge_for(verifier),
                                               m_options.redirect_uri, m_options.scopes),
                      transaction.state, m_options.redirect_uri, transaction.expires_ms};
}

Error SpotifySession::fail(const std::string& state, Failure why, std::string message) {
  if (!state.empty()) {
    // The outcome is recorded for /oauth/status; a failure to record it changes nothing else.
    (void)m_store.finish_transaction(state, why == Failure::code_expired ? "expired" : "failed",
                                     error_code(why), message, now_ms());
  }
  return failure(ErrorKind::invalid, why, std::move(message));
}

Result<std::string> SpotifySession::complete(const std::map<std::string, std::string>& params) {
  const auto get = [&params](const char* name) {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  };
  const std::string state = get("state");
  const std::string code = get("code");
  if (state.size() > k_max_parameter || code.size() > k_max_parameter ||
      get("error").size() > k_max_parameter) {
    return failure(ErrorKind::invalid, Failure::invalid_redirect,
                   "the redirect's parameters are longer than any Spotify sends");
  }
  if (state.empty()) {
    return failure(ErrorKind::invalid, Failure::state_mismatch,
                   "the redirect has no 'state'; start again with /api/v1/oauth/start");
  }
  auto found = m_store.find_transaction(state);
  if (!found) {
    return std::move(found).error();
  }
  if (!*found) {
    return failure(ErrorKind::invalid, Failure::state_mismatch,
                   "this login's state is unknown (from another harmonyd, or dropped as one of "
                   "more than 50 pending logins); start again with /api/v1/oauth/start");
  }
  const OAuthTransaction& transaction = **found;
  if (transaction.status != "pending") {
    return failure(ErrorKind::invalid, Failure::state_mismatch,
                   fmt::format("this login was already used ({}); start again with "
                               "/api/v1/oauth/start",
                               transaction.status));
  }
  if (now_ms() > transaction.expires_ms) {
    return fail(state, Failure::code_expired,
                "this login is older than OAUTH_STATE_TTL; start again with /api/v1/oauth/start");
  }
  if (const std::string error = get("error"); !error.empty()) {
    return fail(
        state, error == "access_denied" ? Failure::access_denied : Failure::invalid_redirect,
        error == "access_denied"
            ? "Spotify says the user did not allow access (access_denied)"
            : fmt::format("Spotify ended the login with an error ({})", error.substr(0, 64)));
  }
  if (code.empty()) {
    return fail(state, Failure::invalid_redirect,
                "the redirect has no 'code'; paste the whole URL the browser ended on");
  }
  auto claimed = m_store.claim_transaction(state);
  if (!claimed) {
    return std::move(claimed).error();
  }
  if (!*claimed) {
    return failure(ErrorKind::invalid, Failure::state_mismatch,
                   "this login is being completed or was already used");
  }
  auto grant =
      m_accounts.exchange_code(code, transaction.redirect_uri, transaction.verifier.reveal());
  if (!grant) {
    return fail(state, Failure::token_exchange_failed,
                "Spotify did not exchange the code: " + grant.error().message);
  }
  if (grant->refresh_token.empty()) {
    return fail(state, Failure::token_exchange_failed,
                "Spotify granted no refresh token; the connection could not be kept");
  }
  const std::int64_t obtained = now_ms();
  StoredSession session{grant->access_token,
                        grant->refresh_token,
                        grant->scope,
                        obtained + std::chrono::milliseconds(grant->expires_in).count(),
                        obtained,
                        {},
                        {}};
  FixedToken fresh(grant->access_token);
  if (auto me = m_api.get("/me", "/me", fresh)) {
    if (auto user = user_from_json(*me)) {
      session.user_id = user->id;
      session.user_name = user->display_name;
    }
  }
  const std::lock_guard lock(m_mutex);
  if (auto saved = m_store.save_session(session); !saved) {
    return fail(state, Failure::token_exchange_failed,
                "the tokens could not be stored: " + saved.error().message);
  }
  m_session = std::move(session);
  m_reason.clear();
  m_loaded = true;
  (void)m_store.finish_transaction(state, "completed", "", "connected", now_ms());
  return state;
}

Result<std::string> SpotifySession::complete_from_url(const std::string& url) {
  const std::string_view base = without_query(url);
  if (url.size() > std::size_t{16} * 1024 || base != m_options.redirect_uri) {
    return failure(ErrorKind::invalid, Failure::invalid_redirect,
                   fmt::format("redirect_url must start with SPOTIFY_REDIRECT_URI ({}) followed "
                               "by ?code=…&state=…",
                               m_options.redirect_uri));
  }
  const auto params = query_parameters(url);
  if (!params) {
    return failure(ErrorKind::invalid, Failure::invalid_redirect,
                   "redirect_url has a malformed query (bad percent-encoding)");
  }
  return complete(*params);
}

Result<std::optional<OAuthTransaction>> SpotifySession::transaction(const std::string& state) {
  auto found = m_store.find_transaction(state);
  if (found && *found && (*found)->status == "pending" && now_ms() > (*found)->expires_ms) {
    (*found)->status = "expired";
  }
  return found;
}

Result<void> SpotifySession::load_locked() {
  if (m_loaded) {
    return {};
  }
  auto session = m_store.load_session();
  if (!session) {
    return std::move(session).error();
  }
  auto reason = m_store.last_reason();
  if (!reason) {
    return std::move(reason).error();
  }
  m_session = std::move(*session);
  m_reason = std::move(*reason);
  m_loaded = true;
  return {};
}

SessionStatus SpotifySession::status() {
  const std::lock_guard lock(m_mutex);
  SessionStatus status;
  if (auto loaded = load_locked(); !loaded) {
    status.reason = loaded.error().message;
    return status;
  }
  status.reason = m_reason;
  if (m_session) {
    status.connected = true;
    status.user_id = m_session->user_id;
    status.user_name = m_session->user_name;
    status.scope = m_session->scope;
    status.expires_ms = m_session->expires_ms;
  }
  return status;
}

Result<void> SpotifySession::forget() {
  const std::lock_guard lock(m_mutex);
  if (auto cleared = m_store.clear_session(""); !cleared) {
    return cleared;
  }
  m_session.reset();
  m_reason.clear();
  m_loaded = true;
  return {};
}

Result<log::Secret> SpotifySession::refresh_locked() {
  const auto count = [this](std::string_view result) {
    if (m_metrics != nullptr) {
      m_metrics
          ->counter("harmony_spotify_token_refreshes_total", "User token refreshes, by result.",
                    {{"result", std::string(result)}})
          .inc();
    }
  };
  auto grant = m_accounts.refresh(m_session->refresh_token);
  if (!grant) {
    if (failure_of(grant.error()) != Failure::invalid_grant) {
      count("error");
      return std::move(grant).error();  // unreachable or 5xx: keep the session, try later
    }
    count("revoked");
    const std::string reason = "Spotify refused the stored refresh token (" +
                               grant.error().message +
                               "); connect again through /api/v1/oauth/start";
    if (auto cleared = m_store.clear_session(reason); !cleared) {
      return std::move(cleared).error();
    }
    m_session.reset();
    m_reason = reason;
    return failure(ErrorKind::unavailable, Failure::unauthenticated, reason);
  }
  StoredSession next = *m_session;
  next.access_token = grant->access_token;
  if (!grant->refresh_token.empty()) {
    next.refresh_token = grant->refresh_token;  // rotated: the old one is now spent
  }
  if (!grant->scope.empty()) {
    next.scope = grant->scope;
  }
  next.obtained_ms = now_ms();
  next.expires_ms = next.obtained_ms + std::chrono::milliseconds(grant->expires_in).count();
  if (auto saved = m_store.save_session(next); !saved) {
    count("error");
    return std::move(saved).error();
  }
  m_session = std::move(next);
  count("ok");
  return m_session->access_token;
}

Result<log::Secret> SpotifySession::access_token() {
  const std::lock_guard lock(m_mutex);
  if (auto loaded = load_locked(); !loaded) {
    return std::move(loaded).error();
  }
  if (!m_session) {
    return failure(ErrorKind::unavailable, Failure::unauthenticated,
                   m_reason.empty() ? std::string("no Spotify user is connected; connect one "
                                                  "through /api/v1/oauth/start")
                                    : m_reason);
  }
  // A minute early, or at half-life for tokens shorter than two minutes.
  const std::int64_t early =
      std::min<std::int64_t>(std::chrono::milliseconds(k_refresh_early).count(),
                             (m_session->expires_ms - m_session->obtained_ms) / 2);
  if (m_session->expires_ms - now_ms() < early) {
    return refresh_locked();
  }
  return m_session->access_token;
}

Result<log::Secret> SpotifySession::refresh_after_rejection(const log::Secret& rejected) {
  const std::lock_guard lock(m_mutex);
  if (auto loaded = load_locked(); !loaded) {
    return std::move(loaded).error();
  }
  if (!m_session) {
    return failure(ErrorKind::unavailable, Failure::unauthenticated,
                   m_reason.empty() ? std::string("no Spotify user is connected") : m_reason);
  }
  if (m_session->access_token.reveal() != rejected.reveal()) {
    return m_session->access_token;  // another caller refreshed already
  }
  return refresh_locked();
}

}  // namespace harmony::harmonyd::spotify
