#pragma once

#include <vector>

#include "api/ApiServices.hpp"
#include "http/Router.hpp"

namespace harmony::harmonyd::api {

// harmonyd's route table: one row per route, one handler each. Rows marked Access::open are
// the auth allowlist (health probes); every other route needs a key once HARMONY_API_KEYS is set.
std::vector<http::Route> routes(ApiServices& services);

// Handlers, one per route (HealthRoutes.cpp, SystemRoutes.cpp, DownloadRoutes.cpp,
// LibraryRoutes.cpp).
http::Response live(const http::Request& request);
http::Response health_live(const http::Request& request);
http::Response health_ready(ApiServices& services, const http::Request& request);
http::Response v1_health(ApiServices& services, const http::Request& request);
http::Response v1_status(ApiServices& services, const http::Request& request);
http::Response env(ApiServices& services, const http::Request& request);
http::Response v1_metrics(ApiServices& services, const http::Request& request);
// DownloadRoutes.cpp
http::Response v1_downloads_create(ApiServices& services, const http::Request& request);
http::Response v1_downloads_list(ApiServices& services, const http::Request& request);
http::Response v1_downloads_get(ApiServices& services, const http::Request& request);
http::Response v1_downloads_retry(ApiServices& services, const http::Request& request);
http::Response v1_downloads_cancel(ApiServices& services, const http::Request& request);
http::Response v1_dlq_export(ApiServices& services, const http::Request& request);
// OAuthRoutes.cpp
http::Response v1_oauth_start(ApiServices& services, const http::Request& request);
http::Response v1_oauth_manual(ApiServices& services, const http::Request& request);
http::Response v1_oauth_status(ApiServices& services, const http::Request& request);
// SpotifyRoutes.cpp
http::Response v1_spotify_status(ApiServices& services, const http::Request& request);
http::Response v1_spotify_forget(ApiServices& services, const http::Request& request);
http::Response v1_spotify_search(ApiServices& services, const http::Request& request);
http::Response v1_spotify_artist(ApiServices& services, const http::Request& request);
http::Response v1_spotify_album(ApiServices& services, const http::Request& request);
http::Response v1_spotify_playlist_items(ApiServices& services, const http::Request& request);
// LibraryRoutes.cpp
http::Response v1_library_stats(ApiServices& services, const http::Request& request);
http::Response v1_library_scan(ApiServices& services, const http::Request& request);
http::Response v1_library_lookup(ApiServices& services, const http::Request& request);
http::Response v1_dlq_purge(ApiServices& services, const http::Request& request);
// Dead letters (DeadLetterRoutes.cpp).
http::Response v1_dlq_list(ApiServices& services, const http::Request& request);
http::Response v1_dlq_stats(ApiServices& services, const http::Request& request);
http::Response v1_dlq_requeue(ApiServices& services, const http::Request& request);
http::Response v1_dlq_purge_selected(ApiServices& services, const http::Request& request);
// Imports (ImportRoutes.cpp).
http::Response v1_imports_create(ApiServices& services, const http::Request& request);
http::Response v1_imports_list(ApiServices& services, const http::Request& request);
http::Response v1_imports_get(ApiServices& services, const http::Request& request);
// Followed playlists (PlaylistRoutes.cpp).
http::Response v1_spotify_playlists(ApiServices& services, const http::Request& request);
http::Response v1_playlists_follow(ApiServices& services, const http::Request& request);
http::Response v1_playlists_list(ApiServices& services, const http::Request& request);
http::Response v1_playlists_get(ApiServices& services, const http::Request& request);
http::Response v1_playlists_delete(ApiServices& services, const http::Request& request);
http::Response v1_playlists_sync(ApiServices& services, const http::Request& request);
http::Response v1_sync(ApiServices& services, const http::Request& request);
// WatchlistRoutes.cpp
http::Response v1_watchlist_add(ApiServices& services, const http::Request& request);
http::Response v1_watchlist_list(ApiServices& services, const http::Request& request);
http::Response v1_watchlist_get(ApiServices& services, const http::Request& request);
http::Response v1_watchlist_patch(ApiServices& services, const http::Request& request);
http::Response v1_watchlist_pause(ApiServices& services, const http::Request& request);
http::Response v1_watchlist_resume(ApiServices& services, const http::Request& request);
http::Response v1_watchlist_check(ApiServices& services, const http::Request& request);
http::Response v1_watchlist_delete(ApiServices& services, const http::Request& request);
http::Response v1_activity(ApiServices& services, const http::Request& request);

}  // namespace harmony::harmonyd::api
