#pragma once

#include "integrations/spotify/SpotifyPlaylists.hpp"
#include "integrations/spotify/TokenSource.hpp"
#include "integrations/spotify/WebApi.hpp"

namespace harmony::harmonyd::spotify {

// SpotifyPlaylists over the Web API with the user's tokens; every request passes the app's one
// RateGate through `api`, so a 429 latch holds these as it holds the catalogue's.
class HttpSpotifyPlaylists final : public SpotifyPlaylists {
 public:
  HttpSpotifyPlaylists(WebApi& api, TokenSource& user_tokens) : m_api(api), m_user(user_tokens) {}

  Result<Page<PlaylistSummary>> my_playlists(int limit, int offset) override;
  Result<PlaylistSummary> playlist(const std::string& id) override;
  Result<Page<PlaylistItem>> playlist_items(const std::string& id, int limit, int offset) override;
  Result<Page<PlaylistItem>> liked_tracks(int limit, int offset) override;

 private:
  WebApi& m_api;
  TokenSource& m_user;
};

}  // namespace harmony::harmonyd::spotify
