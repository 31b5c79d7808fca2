// The stand-in's user library under /v1: the user's playlists, one playlist, its items (owner
// or collaborator only, as Development Mode allows) and Liked Songs. User tokens only.
#include <algorithm>

#include <fmt/format.h>

#include "fakes/SpotifyStandInState.hpp"

namespace harmony::fakes {
namespace {

using nlohmann::json;
using spotify_standin::page;
using spotify_standin::paging;

constexpr const char* k_user_only = "Only valid bearer authentication supported";

// One page of a list of the connected user's own (/v1/me/…): 401 without a user token, Spotify's
// paging bounds (20 by default, at most 50). `items()` builds the whole list.
template <typename Items>
void user_page(const httplib::Request& req, httplib::Response& res, bool user, const char* url,
               const Items& items) {
  int limit = 0;
  int offset = 0;
  if (!user) {
    return api_error(res, 401, k_user_only);
  }
  if (!paging(req, res, 20, 50, limit, offset)) {
    return;
  }
  res.set_content(page(url, items(), limit, offset).dump(), "application/json");
}

}  // namespace

void SpotifyStandIn::State::add_library_routes(const spotify_standin::ApiWrap& api) {
  State& s = *this;
  // Full track objects of `ids` as `field` entries ("item" in playlists since the 2026 rename,
  // "track" in saved tracks); ids the catalogue does not know are left out.
  const auto entries = [&s](const std::vector<std::string>& ids, const char* field) {
    std::vector<json> items;
    for (const std::string& track_id : ids) {
      for (const Album& album : s.albums) {
        for (const Track& track : album.tracks) {
          if (track.id == track_id) {
            items.push_back({{"added_at", "2026-01-02T03:04:05Z"},
                             {"is_local", false},
                             {field, s.track_json(album, track, true)}});
          }
        }
      }
    }
    return items;
  };
  const auto find = [&s](const std::string& id) {
    return std::find_if(s.playlists.begin(), s.playlists.end(),
                        [&id](const Playlist& p) { return p.id == id; });
  };
  const auto summary = [&s](const Playlist& p) {
    return json{{"id", p.id},
                {"name", p.name},
                {"type", "playlist"},
                {"uri", "spotify:playlist:" + p.id},
                {"collaborative", p.collaborative},
                {"public", true},
                {"owner", {{"id", p.owner_id}, {"display_name", p.owner_id}, {"type", "user"}}},
                {"items",
                 {{"href", fmt::format("https://api.spotify.com/v1/playlists/{}/items", p.id)},
                  {"total", p.track_ids.size()}}}};
  };

  server.Get("/v1/me/playlists",
             api([&s, summary](const httplib::Request& req, httplib::Response& res, bool user) {
               user_page(req, res, user, "https://api.spotify.com/v1/me/playlists?", [&] {
                 std::vector<json> all;
                 for (const Playlist& p : s.playlists) {
                   all.push_back(summary(p));
                 }
                 return all;
               });
             }));

  server.Get("/v1/me/tracks",
             api([&s, entries](const httplib::Request& req, httplib::Response& res, bool user) {
               user_page(req, res, user, "https://api.spotify.com/v1/me/tracks?",
                         [&] { return entries(s.liked, "track"); });
             }));

  server.Get(R"(/v1/playlists/([^/]+))",
             api([&s, find, summary](const httplib::Request& req, httplib::Response& res, bool) {
               const auto it = find(req.matches[1]);
               if (it == s.playlists.end()) {
                 return api_error(res, 404, "Resource not found");
               }
               res.set_content(summary(*it).dump(), "application/json");
             }));

  server.Get(
      R"(/v1/playlists/([^/]+)/items)",
      api([&s, find, entries](const httplib::Request& req, httplib::Response& res, bool user) {
        const std::string id = req.matches[1];
        const auto it = find(id);
        int limit = 0;
        int offset = 0;
        if (it == s.playlists.end()) {
          return api_error(res, 404, "Resource not found");
        }
        // Development Mode: only playlists the user owns or collaborates on.
        if (!user || (it->owner_id != s.options.user.id && !it->collaborative)) {
          return api_error(res, 403, "Forbidden");
        }
        if (!paging(req, res, 20, 50, limit, offset)) {
          return;
        }
        const std::string href = fmt::format("https://api.spotify.com/v1/playlists/{}/items?", id);
        res.set_content(page(href, entries(it->track_ids, "item"), limit, offset).dump(),
                        "application/json");
      }));
}

}  // namespace harmony::fakes
