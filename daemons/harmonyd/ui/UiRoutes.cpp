#include "ui/UiRoutes.hpp"

#include "ui/Assets.hpp"
#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui {

std::vector<http::Route> routes(UiContext& context) {
  using http::Access;
  auto open = [&context](http::Response (*handler)(UiContext&, const http::Request&)) {
    return [&context, handler](const http::Request& request) { return handler(context, request); };
  };
  return {
      {"GET", "/", [](const http::Request&) { return redirect("/ui/"); }, Access::open},
      {"GET", "/ui", [](const http::Request&) { return redirect("/ui/"); }, Access::open},
      {"GET", "/ui/assets/{name}", serve_asset, Access::open},
      {"GET", "/ui/login", open(pages::login_form), Access::open},
      {"POST", "/ui/login", open(pages::login), Access::open},
      {"POST", "/ui/logout", action(context, pages::logout)},
      // Pages, each with its live fragment.
      {"GET", "/ui/", page(context, pages::dashboard)},
      {"GET", "/ui/partials/dashboard", page(context, pages::dashboard_live)},
      {"GET", "/ui/downloads", page(context, pages::downloads)},
      {"GET", "/ui/partials/downloads", page(context, pages::downloads_table)},
      {"POST", "/ui/downloads", action(context, pages::download_request)},
      {"GET", "/ui/downloads/{id}", page(context, pages::job)},
      {"GET", "/ui/partials/downloads/{id}", page(context, pages::job_detail)},
      {"POST", "/ui/downloads/{id}/retry", action(context, pages::job_retry)},
      {"POST", "/ui/downloads/{id}/cancel", action(context, pages::job_cancel)},
      {"GET", "/ui/search", page(context, pages::search)},
      {"POST", "/ui/search/albums/{id}/request", action(context, pages::album_request)},
      {"GET", "/ui/watchlist", page(context, pages::watchlist_page)},
      {"POST", "/ui/watchlist", action(context, pages::watch_add)},
      {"GET", "/ui/watchlist/{key}", page(context, pages::watch_artist)},
      {"POST", "/ui/watchlist/{key}/settings", action(context, pages::watch_settings)},
      {"POST", "/ui/watchlist/{key}/pause", action(context, pages::watch_pause)},
      {"POST", "/ui/watchlist/{key}/resume", action(context, pages::watch_resume)},
      {"POST", "/ui/watchlist/{key}/check", action(context, pages::watch_check)},
      {"POST", "/ui/watchlist/{key}/unwatch", action(context, pages::watch_remove)},
      {"GET", "/ui/dead-letters", page(context, pages::dead_letters)},
      {"POST", "/ui/dead-letters/{id}/requeue", action(context, pages::dead_letter_requeue)},
      {"POST", "/ui/dead-letters/purge", action(context, pages::dead_letters_purge)},
      {"GET", "/ui/spotify", page(context, pages::spotify)},
      {"POST", "/ui/spotify/connect", action(context, pages::spotify_connect)},
      {"POST", "/ui/spotify/manual", action(context, pages::spotify_manual)},
      {"POST", "/ui/spotify/disconnect", action(context, pages::spotify_disconnect)},
      {"GET", "/ui/system", page(context, pages::system)},
      {"GET", "/ui/imports", page(context, pages::imports)},
      {"POST", "/ui/imports", action(context, pages::import_paste)},
      // The upload form's body is multipart/form-data; only this UI route takes one.
      {"POST", "/ui/imports/upload", upload(context, pages::import_upload), Access::guarded, true,
       true},
      {"GET", "/ui/imports/{id}", page(context, pages::import_detail)},
      {"GET", "/ui/partials/imports/{id}", page(context, pages::import_detail_live)},
      {"POST", "/ui/playlists", action(context, pages::playlist_follow)},
      {"POST", "/ui/playlists/sync", action(context, pages::playlists_sync)},
      {"POST", "/ui/playlists/{id}/sync", action(context, pages::playlist_sync)},
  };
}

http::Middleware page_errors(UiContext& context) {
  return [&context](http::Request& request, const http::Next& next) {
    http::Response response = next(request);
    const bool ui_path = request.path == "/ui" || request.path.starts_with("/ui/");
    if (!ui_path || response.status < 400 ||
        !response.content_type.starts_with("application/json")) {
      return response;
    }
    const bool safe = request.method == "GET" || request.method == "HEAD";
    http::Response page;
    // The pipeline's own cross-origin refusal (http::cross_origin_write_middleware) is not a
    // login problem: say what it is.
    const bool cross_origin = response.status == 403 &&
                              response.body.find("\"CROSS_ORIGIN_REFUSED\"") != std::string::npos;
    switch (cross_origin ? 0 : response.status) {
      case 0:
        page = error_page(context, 403, "Cross-site request refused",
                          "A page from another site tried to change something here. Use "
                          "harmonyd's own pages; if this is your own site, add its origin to "
                          "ALLOWED_ORIGINS.");
        break;
      case 401:
      case 403:
        if (safe) {
          return redirect_to_login(request);
        }
        if (const auto session = context.sessions.resolve(request, context.options().session_ttl);
            session && session->authenticated) {
          page = error_page(context, 403, "Missing or wrong CSRF token",
                            "The form did not carry this session's security token. Reload the "
                            "page and submit it again.");
        } else {
          page = error_page(context, 401, "Session expired",
                            "Your session has ended or you are not logged in. Log in, then "
                            "repeat the action.");
        }
        break;
      case 404:
        page = error_page(context, 404, "Page not found",
                          "There is no such page. Use the navigation to find your way.");
        break;
      case 429:
        page = error_page(context, 429, "Too many requests",
                          "Slow down a little; the page works again in a moment.");
        break;
      default:
        page = error_page(context, response.status, "Something went wrong",
                          "The request could not be completed. Try again; the System page shows "
                          "what harmonyd reports.");
        break;
    }
    for (const auto& [name, value] : response.headers) {
      if (name == "Retry-After" || name == "Allow" || name == "X-Request-ID") {
        page.set_header(name, value);
      }
    }
    return page;
  };
}

}  // namespace harmony::harmonyd::ui
