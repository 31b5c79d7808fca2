#include "integrations/spotify/SpotifyProbe.hpp"

namespace harmony::harmonyd::integrations {

health::CheckResult SpotifyProbe::probe() {
  health::CheckResult result{"spotify"};
  const bool has_id = !m_settings.client_id.empty();
  const bool has_secret = !m_settings.client_secret.empty();
  result.detail = {{"client_id", has_id}, {"client_secret", has_secret}, {"probed", false}};
  if (!has_id && !has_secret) {
    result.status = health::CheckStatus::not_configured;
    return result;
  }
  if (!has_id || !has_secret) {
    result.status = health::CheckStatus::fail;
    result.kind = ErrorKind::config;
    result.problem =
        has_id ? "SPOTIFY_CLIENT_ID is set but SPOTIFY_CLIENT_SECRET is empty; set both or neither"
               : "SPOTIFY_CLIENT_SECRET is set but SPOTIFY_CLIENT_ID is empty; set both or neither";
    return result;
  }
  result.detail["probed"] = true;
  result.detail["accounts_url"] = m_settings.accounts_url;
  if (auto token = m_app_token(); !token) {
    result.status = health::CheckStatus::fail;
    result.kind =
        token.error().kind == ErrorKind::config ? ErrorKind::config : ErrorKind::unavailable;
    result.problem = token.error().message;
  }
  return result;
}

}  // namespace harmony::harmonyd::integrations
