#include "api/Routes.hpp"

namespace harmony::harmonyd::api {

std::vector<http::Route> routes(ApiServices& services) {
  using http::Access;
  auto bind = [&services](http::Response (*handler)(ApiServices&, const http::Request&)) {
    return
        [&services, handler](const http::Request& request) { return handler(services, request); };
  };
  return {
      {"GET", "/live", live, Access::open, false},
      {"GET", "/api/health/live", health_live, Access::open, false},
      {"GET", "/api/health/ready", bind(health_ready), Access::open, false},
      {"GET", "/api/v1/health", bind(v1_health), Access::open, false},
      {"GET", "/api/v1/status", bind(v1_status)},
      {"GET", "/env", bind(env)},
      {"GET", "/api/v1/metrics", bind(v1_metrics)},
      {"POST", "/api/v1/downloads", bind(v1_downloads_create)},
      {"GET", "/api/v1/downloads", bind(v1_downloads_list)},
      {"GET", "/api/v1/downloads/{id}", bind(v1_downloads_get)},
      {"POST", "/api/v1/downloads/{id}/retry", bind(v1_downloads_retry)},
      {"DELETE", "/api/v1/downloads/{id}", bind(v1_downloads_cancel)},
      {"GET", "/api/v1/dlq/export", bind(v1_dlq_export)},
      {"GET", "/api/v1/oauth/start", bind(v1_oauth_start)},
      {"POST", "/api/v1/oauth/manual", bind(v1_oauth_manual)},
      {"GET", "/api/v1/oauth/status/{state}", bind(v1_oauth_status)},
      {"GET", "/api/v1/spotify/status", bind(v1_spotify_status)},
      {"DELETE", "/api/v1/spotify/session", bind(v1_spotify_forget)},
      {"GET", "/api/v1/spotify/search", bind(v1_spotify_search)},
      {"GET", "/api/v1/spotify/artists/{id}", bind(v1_spotify_artist)},
      {"GET", "/api/v1/spotify/albums/{id}", bind(v1_spotify_album)},
      {"GET", "/api/v1/spotify/playlists/{id}/items", bind(v1_spotify_playlist_items)},
      {"GET", "/api/v1/library/stats", bind(v1_library_stats)},
      {"POST", "/api/v1/library/scan", bind(v1_library_scan)},
      {"GET", "/api/v1/library/lookup", bind(v1_library_lookup)},
      {"DELETE", "/api/v1/dlq", bind(v1_dlq_purge)},
      {"POST", "/api/v1/watchlist", bind(v1_watchlist_add)},
      {"GET", "/api/v1/watchlist", bind(v1_watchlist_list)},
      {"GET", "/api/v1/watchlist/{key}", bind(v1_watchlist_get)},
      {"PATCH", "/api/v1/watchlist/{key}", bind(v1_watchlist_patch)},
      {"DELETE", "/api/v1/watchlist/{key}", bind(v1_watchlist_delete)},
      {"POST", "/api/v1/watchlist/{key}/pause", bind(v1_watchlist_pause)},
      {"POST", "/api/v1/watchlist/{key}/resume", bind(v1_watchlist_resume)},
      {"POST", "/api/v1/watchlist/{key}/check", bind(v1_watchlist_check)},
      {"GET", "/api/v1/activity", bind(v1_activity)},
      // Dead letters, imports and followed playlists.
      {"GET", "/api/v1/dlq", bind(v1_dlq_list)},
      {"GET", "/api/v1/dlq/stats", bind(v1_dlq_stats)},
      {"POST", "/api/v1/dlq/requeue", bind(v1_dlq_requeue)},
      {"POST", "/api/v1/dlq/purge", bind(v1_dlq_purge_selected)},
      // The one route that takes a file as multipart/form-data.
      {"POST", "/api/v1/imports", bind(v1_imports_create), Access::guarded, true, true},
      {"GET", "/api/v1/imports", bind(v1_imports_list)},
      {"GET", "/api/v1/imports/{id}", bind(v1_imports_get)},
      {"GET", "/api/v1/spotify/playlists", bind(v1_spotify_playlists)},
      {"POST", "/api/v1/playlists", bind(v1_playlists_follow)},
      {"GET", "/api/v1/playlists", bind(v1_playlists_list)},
      {"GET", "/api/v1/playlists/{id}", bind(v1_playlists_get)},
      {"DELETE", "/api/v1/playlists/{id}", bind(v1_playlists_delete)},
      {"POST", "/api/v1/playlists/{id}/sync", bind(v1_playlists_sync)},
      {"POST", "/api/v1/sync", bind(v1_sync)},
  };
}

}  // namespace harmony::harmonyd::api
