#pragma once

#include "http/Message.hpp"
#include "ui/Gate.hpp"

// One handler per UI route; UiRoutes.cpp wraps each in page() or action().
namespace harmony::harmonyd::ui::pages {

// Dashboard.cpp
http::Response dashboard(UiContext& context, const http::Request& request, const Visit& visit);
http::Response dashboard_live(UiContext& context, const http::Request& request, const Visit& visit);
// Downloads.cpp
http::Response downloads(UiContext& context, const http::Request& request, const Visit& visit);
http::Response downloads_table(UiContext& context, const http::Request& request,
                               const Visit& visit);
http::Response download_request(UiContext& context, const http::Request& request,
                                const Visit& visit);
http::Response job(UiContext& context, const http::Request& request, const Visit& visit);
http::Response job_detail(UiContext& context, const http::Request& request, const Visit& visit);
http::Response job_retry(UiContext& context, const http::Request& request, const Visit& visit);
http::Response job_cancel(UiContext& context, const http::Request& request, const Visit& visit);
// Search.cpp
http::Response search(UiContext& context, const http::Request& request, const Visit& visit);
http::Response album_request(UiContext& context, const http::Request& request, const Visit& visit);
// Watchlist.cpp
http::Response watchlist_page(UiContext& context, const http::Request& request, const Visit& visit);
http::Response watch_add(UiContext& context, const http::Request& request, const Visit& visit);
http::Response watch_artist(UiContext& context, const http::Request& request, const Visit& visit);
http::Response watch_settings(UiContext& context, const http::Request& request, const Visit& visit);
http::Response watch_pause(UiContext& context, const http::Request& request, const Visit& visit);
http::Response watch_resume(UiContext& context, const http::Request& request, const Visit& visit);
http::Response watch_check(UiContext& context, const http::Request& request, const Visit& visit);
http::Response watch_remove(UiContext& context, const http::Request& request, const Visit& visit);
// SpotifyPage.cpp
http::Response spotify(UiContext& context, const http::Request& request, const Visit& visit);
http::Response spotify_connect(UiContext& context, const http::Request& request,
                               const Visit& visit);
http::Response spotify_manual(UiContext& context, const http::Request& request, const Visit& visit);
http::Response spotify_disconnect(UiContext& context, const http::Request& request,
                                  const Visit& visit);
// DeadLetters.cpp
http::Response dead_letters(UiContext& context, const http::Request& request, const Visit& visit);
http::Response dead_letter_requeue(UiContext& context, const http::Request& request,
                                   const Visit& visit);
http::Response dead_letters_purge(UiContext& context, const http::Request& request,
                                  const Visit& visit);
// Imports.cpp
http::Response imports(UiContext& context, const http::Request& request, const Visit& visit);
http::Response import_paste(UiContext& context, const http::Request& request, const Visit& visit);
http::Response import_upload(UiContext& context, const http::Request& request, const Visit& visit);
http::Response import_detail(UiContext& context, const http::Request& request, const Visit& visit);
http::Response import_detail_live(UiContext& context, const http::Request& request,
                                  const Visit& visit);
// Playlists.cpp (a section of the Imports page)
nlohmann::json followed_playlists(UiContext& context);
http::Response playlist_follow(UiContext& context, const http::Request& request,
                               const Visit& visit);
http::Response playlists_sync(UiContext& context, const http::Request& request, const Visit& visit);
http::Response playlist_sync(UiContext& context, const http::Request& request, const Visit& visit);
// System.cpp
http::Response system(UiContext& context, const http::Request& request, const Visit& visit);
// Login.cpp (login and its form need no session: they are open routes)
http::Response login_form(UiContext& context, const http::Request& request);
http::Response login(UiContext& context, const http::Request& request);
http::Response logout(UiContext& context, const http::Request& request, const Visit& visit);

}  // namespace harmony::harmonyd::ui::pages
