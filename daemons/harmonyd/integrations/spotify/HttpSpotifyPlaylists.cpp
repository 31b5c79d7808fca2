#include "integrations/spotify/HttpSpotifyPlaylists.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "integrations/spotify/RecordJson.hpp"
#include "integrations/spotify/SpotifyCatalog.hpp"

namespace harmony::harmonyd::spotify {
namespace {

Error bad_playlist_id(const std::string& id) {
  return make_error(
      ErrorKind::invalid,
      fmt::format("'{}' is not a Spotify playlist id (22 letters and digits)", id.substr(0, 40)));
}

std::string paging(int limit, int offset) {
  return fmt::format("limit={}&offset={}", std::clamp(limit, 1, SpotifyPlaylists::k_page_max),
                     std::clamp(offset, 0, 10'000'000));
}

}  // namespace

Result<Page<PlaylistSummary>> HttpSpotifyPlaylists::my_playlists(int limit, int offset) {
  auto body = m_api.get("/me/playlists", "/me/playlists?" + paging(limit, offset), m_user);
  if (!body) {
    return std::move(body).error();
  }
  return page_from_json<PlaylistSummary>(*body, &playlist_summary_from_json);
}

Result<PlaylistSummary> HttpSpotifyPlaylists::playlist(const std::string& id) {
  if (!valid_spotify_id(id)) {
    return bad_playlist_id(id);
  }
  // Only the fields we keep: the items themselves come page by page from /items.
  auto body =
      m_api.get("/playlists/{id}",
                "/playlists/" + id + "?fields=id,name,owner,collaborative,items(total)", m_user);
  if (!body) {
    return std::move(body).error();
  }
  return playlist_summary_from_json(*body);
}

Result<Page<PlaylistItem>> HttpSpotifyPlaylists::playlist_items(const std::string& id, int limit,
                                                                int offset) {
  if (!valid_spotify_id(id)) {
    return bad_playlist_id(id);
  }
  auto body = m_api.get("/playlists/{id}/items",
                        fmt::format("/playlists/{}/items?{}", id, paging(limit, offset)), m_user);
  if (!body) {
    return std::move(body).error();
  }
  return page_from_json<PlaylistItem>(*body, &playlist_item_from_json);
}

Result<Page<PlaylistItem>> HttpSpotifyPlaylists::liked_tracks(int limit, int offset) {
  auto body = m_api.get("/me/tracks", "/me/tracks?" + paging(limit, offset), m_user);
  if (!body) {
    return std::move(body).error();
  }
  return page_from_json<PlaylistItem>(*body, &saved_track_from_json);
}

}  // namespace harmony::harmonyd::spotify
