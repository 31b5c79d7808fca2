#pragma once

#include <chrono>
#include <string>

#include "core/Result.hpp"
#include "integrations/slskd/HttpTransport.hpp"
#include "log/Redact.hpp"
#include "metrics/Registry.hpp"

namespace harmony::harmonyd::spotify {

struct AccountsOptions {
  std::string accounts_url;  // https://accounts.spotify.com, no trailing slash
  std::string client_id;
  log::Secret client_secret;
  std::chrono::milliseconds timeout{10'000};
};

// What the token endpoint granted. `refresh_token` is empty for client credentials and when
// Spotify kept the old one on a refresh.
struct TokenGrant {
  log::Secret access_token;
  log::Secret refresh_token;
  std::string scope;
  std::chrono::seconds expires_in{3600};
};

// The accounts service: the authorize URL and the three token grants, as a confidential client
// (Basic client_id:client_secret) that also proves PKCE. Errors carry a Failure:
// invalid_grant (a code or refresh token refused), invalid_client (credentials refused, a
// configuration problem), bad_reply (not a token answer), upstream (unreachable, 5xx). Error
// messages never quote tokens, codes or the secret. Thread-safe.
class AccountsClient {
 public:
  AccountsClient(AccountsOptions options, slskd::HttpTransport& transport,
                 metrics::Registry* metrics = nullptr);

  std::string authorize_url(const std::string& state, const std::string& code_challenge,
                            const std::string& redirect_uri, const std::string& scopes) const;
  Result<TokenGrant> exchange_code(const std::string& code, const std::string& redirect_uri,
                                   const std::string& verifier);
  Result<TokenGrant> refresh(const log::Secret& refresh_token);
  Result<TokenGrant> client_credentials();

 private:
  Result<TokenGrant> token_call(std::string_view grant, const std::string& form);

  AccountsOptions m_options;
  slskd::HttpTransport& m_transport;
  metrics::Registry* m_metrics;
};

}  // namespace harmony::harmonyd::spotify
