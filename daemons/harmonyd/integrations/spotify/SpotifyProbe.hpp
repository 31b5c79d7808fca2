#pragma once

#include <functional>

#include "config/SpotifySettings.hpp"
#include "health/CheckResult.hpp"

namespace harmony::harmonyd::integrations {

// Readiness and selfcheck for Spotify: not_configured when neither SPOTIFY_CLIENT_ID nor
// SPOTIFY_CLIENT_SECRET is set (passes), a config failure when only one is; otherwise an app
// token is fetched through `app_token` (the daemon's cached one, or one token call in selfcheck):
// refused credentials fail as config (exit 78), an unreachable accounts service as unavailable
// (69).
class SpotifyProbe final : public health::DependencyProbe {
 public:
  using AppToken = std::function<Result<void>()>;
  SpotifyProbe(const config::SpotifySettings& settings, AppToken app_token)
      : m_settings(settings), m_app_token(std::move(app_token)) {}
  health::CheckResult probe() override;

 private:
  const config::SpotifySettings& m_settings;
  AppToken m_app_token;
};

}  // namespace harmony::harmonyd::integrations
