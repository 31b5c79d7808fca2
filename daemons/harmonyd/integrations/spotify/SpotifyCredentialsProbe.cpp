#include "integrations/spotify/SpotifyCredentialsProbe.hpp"

namespace harmony::harmonyd::integrations {

health::CheckResult SpotifyCredentialsProbe::probe() {
  health::CheckResult result{"spotify"};
  const bool has_id = !m_client_id.empty();
  const bool has_secret = !m_client_secret.empty();
  result.detail = {{"client_id", has_id}, {"client_secret", has_secret}, {"probed", false}};
  if (!has_id && !has_secret) {
    result.status = health::CheckStatus::not_configured;
  } else if (!has_id || !has_secret) {
    result.status = health::CheckStatus::fail;
    result.kind = ErrorKind::config;
    result.problem =
        has_id ? "SPOTIFY_CLIENT_ID is set but SPOTIFY_CLIENT_SECRET is empty; set both or neither"
               : "SPOTIFY_CLIENT_SECRET is set but SPOTIFY_CLIENT_ID is empty; set both or neither";
  }
  return result;
}

}  // namespace harmony::harmonyd::integrations
