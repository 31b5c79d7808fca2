#pragma once

#include <string>

#include "health/CheckResult.hpp"
#include "log/Redact.hpp"

namespace harmony::harmonyd::integrations {

// Readiness for Spotify until the Spotify integration lands: not_configured when neither
// SPOTIFY_CLIENT_ID nor SPOTIFY_CLIENT_SECRET is set, a config failure when only one is, and
// ok (with "probed": false — no network call yet) when both are.
class SpotifyCredentialsProbe final : public health::DependencyProbe {
 public:
  SpotifyCredentialsProbe(std::string client_id, log::Secret client_secret)
      : m_client_id(std::move(client_id)), m_client_secret(std::move(client_secret)) {}
  health::CheckResult probe() override;

 private:
  std::string m_client_id;
  log::Secret m_client_secret;
};

}  // namespace harmony::harmonyd::integrations
