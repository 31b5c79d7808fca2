#include "integrations/spotify/AppTokenSource.hpp"

namespace harmony::harmonyd::spotify {
namespace {

constexpr auto k_early = std::chrono::seconds(60);

}  // namespace

Result<log::Secret> AppTokenSource::fetch() {
  auto grant = m_accounts.client_credentials();
  if (!grant) {
    m_last_error = grant.error();
    return std::move(grant).error();
  }
  m_last_error.reset();
  m_token = grant->access_token;
  // Short-lived tokens (tests) are refreshed at half their life instead of a minute early.
  const auto life = std::chrono::duration_cast<Clock::Duration>(grant->expires_in);
  m_expires = m_clock.now() + (grant->expires_in > 2 * k_early ? life - k_early : life / 2);
  return m_token;
}

Result<log::Secret> AppTokenSource::access_token() {
  const std::lock_guard lock(m_mutex);
  if (!m_token.empty() && m_clock.now() < m_expires) {
    return m_token;
  }
  return fetch();
}

std::optional<Error> AppTokenSource::last_error() {
  const std::lock_guard lock(m_mutex);
  return m_last_error;
}

Result<log::Secret> AppTokenSource::refresh_after_rejection(const log::Secret& rejected) {
  const std::lock_guard lock(m_mutex);
  if (!m_token.empty() && m_token.reveal() != rejected.reveal() && m_clock.now() < m_expires) {
    return m_token;  // another caller already replaced the rejected token
  }
  return fetch();
}

}  // namespace harmony::harmonyd::spotify
