#pragma once

#include "integrations/spotify/SpotifyCatalog.hpp"
#include "integrations/spotify/TokenSource.hpp"
#include "integrations/spotify/WebApi.hpp"

namespace harmony::harmonyd::spotify {

// SpotifyCatalog over the Web API: catalogue calls with `app_tokens`, playlist items with
// `user_tokens`. Paging follows offset/limit until `next` is null or the bound is reached.
class HttpSpotifyCatalog final : public SpotifyCatalog {
 public:
  HttpSpotifyCatalog(WebApi& api, TokenSource& app_tokens, TokenSource& user_tokens)
      : m_api(api), m_app(app_tokens), m_user(user_tokens) {}

  Result<Page<Artist>> search_artists(const std::string& query, int limit, int offset) override;
  Result<Page<AlbumSummary>> search_albums(const std::string& query, int limit,
                                           int offset) override;
  Result<Page<Track>> search_tracks(const std::string& query, int limit, int offset) override;
  Result<Artist> artist(const std::string& id) override;
  Result<std::vector<AlbumSummary>> artist_albums(const std::string& id, int max_items) override;
  Result<Page<AlbumSummary>> artist_albums_page(const std::string& id,
                                                const std::string& include_groups, int limit,
                                                int offset) override;
  Result<Album> album(const std::string& id, bool with_isrc) override;
  Result<Track> track(const std::string& id) override;
  Result<Page<PlaylistItem>> playlist_items(const std::string& id, int limit, int offset) override;

 private:
  template <typename T>
  Result<Page<T>> search(SearchType type, const std::string& query, int limit, int offset,
                         Result<T> (*parse)(const nlohmann::json&));

  WebApi& m_api;
  TokenSource& m_app;
  TokenSource& m_user;
};

}  // namespace harmony::harmonyd::spotify
