#pragma once

#include <mutex>
#include <optional>

#include "core/Clock.hpp"
#include "integrations/spotify/AccountsClient.hpp"
#include "integrations/spotify/TokenSource.hpp"

namespace harmony::harmonyd::spotify {

// The app's own token (client credentials grant) for catalogue calls, so lookups work with no
// user connected. Cached until a minute before it expires. Thread-safe: concurrent callers
// share one token call.
class AppTokenSource final : public TokenSource {
 public:
  AppTokenSource(AccountsClient& accounts, const Clock& clock)
      : m_accounts(accounts), m_clock(clock) {}

  Result<log::Secret> access_token() override;
  Result<log::Secret> refresh_after_rejection(const log::Secret& rejected) override;
  // Why the last token call failed, or nothing when it succeeded (for the status).
  std::optional<Error> last_error();

 private:
  Result<log::Secret> fetch();  // callers hold m_mutex

  AccountsClient& m_accounts;
  const Clock& m_clock;
  std::mutex m_mutex;
  log::Secret m_token;
  Clock::TimePoint m_expires{};
  std::optional<Error> m_last_error;
};

}  // namespace harmony::harmonyd::spotify
