// The stand-in's Web API under /v1: bearer tokens, throttling, the Development-Mode page caps
// and the removed endpoints.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

#include <fmt/format.h>

#include "fakes/SpotifyStandInState.hpp"

namespace harmony::fakes {
namespace {

using nlohmann::json;
using spotify_standin::Clock;
using Handler = spotify_standin::ApiHandler;
using spotify_standin::page;
using spotify_standin::paging;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

namespace spotify_standin {

// limit/offset with Spotify's defaults and caps; false (and a 400 written) when out of range.
bool paging(const httplib::Request& req, httplib::Response& res, int default_limit, int max_limit,
            int& limit, int& offset) {
  limit = default_limit;
  offset = 0;
  for (auto [name, target, low, high] :
       {std::tuple{"limit", &limit, 1, max_limit}, std::tuple{"offset", &offset, 0, 1000}}) {
    if (!req.has_param(name)) {
      continue;
    }
    const std::string text = req.get_param_value(name);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *target);
    if (ec != std::errc() || end != text.data() + text.size() || *target < low || *target > high) {
      api_error(res, 400, fmt::format("Invalid {}", name));
      return false;
    }
  }
  return true;
}

json page(const std::string& href, std::vector<json> all, int limit, int offset) {
  json items = json::array();
  for (int i = offset; i < static_cast<int>(all.size()) && i < offset + limit; ++i) {
    items.push_back(std::move(all[static_cast<std::size_t>(i)]));
  }
  const int total = static_cast<int>(all.size());
  const auto at = [&](int from) { return fmt::format("{}offset={}&limit={}", href, from, limit); };
  return {{"href", at(offset)},
          {"items", std::move(items)},
          {"limit", limit},
          {"offset", offset},
          {"total", total},
          {"next", offset + limit < total ? json(at(offset + limit)) : json(nullptr)},
          {"previous", offset > 0 ? json(at(std::max(0, offset - limit))) : json(nullptr)}};
}

}  // namespace spotify_standin

void SpotifyStandIn::State::add_api_routes() {
  State& s = *this;
  // Every Web API route runs through here: log, injected failures, throttling, bearer token,
  // Premium, latency; then the handler (with the mutex held).
  const auto api = [&s](Handler handler) {
    return [&s, handler](const httplib::Request& req, httplib::Response& res) {
      std::chrono::milliseconds latency{};
      {
        const std::lock_guard lock(s.mutex);
        latency = s.api_latency;
        const auto now = Clock::now();
        std::string target = req.target.empty() ? req.path : req.target;
        s.requests.push_back({now, req.method, target, 0});
        const std::size_t index = s.requests.size() - 1;
        const auto finish = [&] { s.requests[index].status = res.status; };
        if (s.throttle_next) {
          s.throttled_until = now + *s.throttle_next;
          s.throttle_next.reset();
          if (s.first_throttled == Clock::time_point{}) {
            s.first_throttled = now;
          }
        }
        if (now < s.throttled_until) {
          const auto left =
              std::chrono::ceil<std::chrono::seconds>(s.throttled_until - now).count();
          res.set_header("Retry-After", std::to_string(std::max<std::int64_t>(1, left)));
          api_error(res, 429, "API rate limit exceeded");
          return finish();
        }
        if (s.failures_left > 0) {
          --s.failures_left;
          api_error(res, s.failure_status, "Server error");
          return finish();
        }
        const std::string auth = req.get_header_value("Authorization");
        const auto token =
            s.access_tokens.find(auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "");
        if (token == s.access_tokens.end()) {
          api_error(res, 401, auth.empty() ? "No token provided" : "Invalid access token");
          return finish();
        }
        if (token->second.expires <= now) {
          api_error(res, 401, "The access token expired");
          return finish();
        }
        if (!s.owner_premium) {
          api_error(res, 403, "Active premium subscription required for the owner of the app.");
          return finish();
        }
        res.status = 200;
        handler(req, res, token->second.user);
        finish();
      }
      if (latency.count() > 0) {
        std::this_thread::sleep_for(latency);
      }
    };
  };
  const auto removed = [](int status, std::string message) {
    return [status, message](const httplib::Request&, httplib::Response& res, bool) {
      api_error(res, status, message);
    };
  };

  server.Get("/v1/me", api([&s](const httplib::Request&, httplib::Response& res, bool user) {
               if (!user) {
                 return api_error(res, 401, "Only valid bearer authentication supported");
               }
               const User& u = s.options.user;
               res.set_content(json{{"id", u.id},
                                    {"display_name", u.display_name},
                                    {"product", u.product},
                                    {"type", "user"},
                                    {"uri", "spotify:user:" + u.id}}
                                   .dump(),
                               "application/json");
             }));

  server.Get(
      "/v1/search", api([&s](const httplib::Request& req, httplib::Response& res, bool) {
        int limit = 0;
        int offset = 0;
        if (!paging(req, res, 5, 10, limit, offset)) {
          return;
        }
        const std::string q = lower(req.has_param("q") ? req.get_param_value("q") : "");
        const std::string types = req.has_param("type") ? req.get_param_value("type") : "";
        if (q.empty() || types.empty()) {
          return api_error(res, 400, q.empty() ? "No search query" : "Missing parameter type");
        }
        json body = json::object();
        const std::string href =
            fmt::format("{}/v1/search?q={}&type={}&", "https://api.spotify.com",
                        httplib::detail::encode_query_param(q), types);
        const auto hit = [&q](const std::string& name) {
          return lower(name).find(q) != std::string::npos;
        };
        // Field filters as Spotify documents them: "track:<words> artist:<words>".
        const auto field = [&q](const std::string& name) -> std::string {
          const auto at = q.find(name + ":");
          if (at == std::string::npos) {
            return {};
          }
          const auto begin = at + name.size() + 1;
          const auto next = q.find(name == "track" ? " artist:" : " track:", begin);
          return q.substr(begin, next == std::string::npos ? std::string::npos : next - begin);
        };
        const std::string track_words = field("track");
        const std::string artist_words = field("artist");
        const auto track_hit = [&](const std::string& name, const std::string& artist_id) {
          if (track_words.empty() && artist_words.empty()) {
            return hit(name);
          }
          const auto artist = s.artists.find(artist_id);
          return lower(name).find(track_words) != std::string::npos &&
                 (artist_words.empty() ||
                  (artist != s.artists.end() &&
                   lower(artist->second).find(artist_words) != std::string::npos));
        };
        for (const std::string type : {"artist", "album", "track"}) {
          if (types.find(type) == std::string::npos) {
            continue;
          }
          std::vector<json> found;
          if (type == "artist") {
            for (const auto& [id, name] : s.artists) {
              if (hit(name)) {
                found.push_back(s.artist_json(id));
              }
            }
          }
          for (const Album& album : s.albums) {
            if (type == "album" && hit(album.name)) {
              found.push_back(s.album_summary_json(album));
            }
            for (const Track& track : album.tracks) {
              if (type == "track" && track_hit(track.name, album.artist_id)) {
                found.push_back(s.track_json(album, track, true));
              }
            }
          }
          body[type + "s"] = page(href, std::move(found), limit, offset);
        }
        res.set_content(body.dump(), "application/json");
      }));

  // Removed for Development-Mode apps (February 2026): the batch "several" endpoints and more.
  for (const char* batch : {"/v1/artists", "/v1/albums", "/v1/tracks"}) {
    server.Get(batch, api(removed(403, "Forbidden")));
  }
  server.Get(R"(/v1/artists/([^/]+)/top-tracks)", api(removed(404, "Not found")));
  server.Get(R"(/v1/artists/([^/]+)/related-artists)", api(removed(404, "Not found")));
  server.Get("/v1/browse/new-releases", api(removed(404, "Not found")));
  server.Get(R"(/v1/playlists/([^/]+)/tracks)", api(removed(403, "Forbidden")));

  server.Get(R"(/v1/artists/([^/]+))",
             api([&s](const httplib::Request& req, httplib::Response& res, bool) {
               const std::string id = req.matches[1];
               if (!s.artists.count(id)) {
                 return api_error(res, 404, "Resource not found");
               }
               res.set_content(s.artist_json(id).dump(), "application/json");
             }));

  server.Get(R"(/v1/artists/([^/]+)/albums)",
             api([&s](const httplib::Request& req, httplib::Response& res, bool) {
               const std::string id = req.matches[1];
               int limit = 0;
               int offset = 0;
               if (!s.artists.count(id)) {
                 return api_error(res, 404, "Resource not found");
               }
               if (!paging(req, res, 5, 10, limit, offset)) {
                 return;
               }
               // include_groups filters by release group (appears_on: releases of other artists,
               // which this catalogue does not have); Spotify lists the newest first.
               std::string groups = req.has_param("include_groups")
                                        ? req.get_param_value("include_groups")
                                        : "album,single,compilation,appears_on";
               for (std::size_t start = 0; start <= groups.size();) {
                 const auto comma = std::min(groups.find(',', start), groups.size());
                 const std::string group = groups.substr(start, comma - start);
                 if (group != "album" && group != "single" && group != "compilation" &&
                     group != "appears_on") {
                   return api_error(res, 400, "Invalid include_groups");
                 }
                 start = comma + 1;
               }
               std::vector<const Album*> own;
               for (const Album& album : s.albums) {
                 if (album.artist_id == id &&
                     ("," + groups + ",").find("," + album.album_type + ",") != std::string::npos) {
                   own.push_back(&album);
                 }
               }
               std::stable_sort(own.begin(), own.end(), [](const Album* a, const Album* b) {
                 return a->release_date > b->release_date;
               });
               std::vector<json> found;
               for (const Album* album : own) {
                 found.push_back(s.album_summary_json(*album));
               }
               const std::string href = fmt::format(
                   "https://api.spotify.com/v1/artists/{}/albums?include_groups={}&", id, groups);
               res.set_content(page(href, std::move(found), limit, offset).dump(),
                               "application/json");
             }));

  server.Get(R"(/v1/albums/([^/]+))",
             api([&s](const httplib::Request& req, httplib::Response& res, bool) {
               const Album* album = s.find_album(req.matches[1]);
               if (album == nullptr) {
                 return api_error(res, 404, "Resource not found");
               }
               json body = s.album_summary_json(*album);
               std::vector<json> tracks;
               for (const Track& track : album->tracks) {
                 tracks.push_back(s.track_json(*album, track, false));
               }
               const std::string href =
                   fmt::format("https://api.spotify.com/v1/albums/{}/tracks?", album->id);
               body["tracks"] = page(href, std::move(tracks), 50, 0);
               body["external_ids"] = {{"upc", album->upc}};
               res.set_content(body.dump(), "application/json");
             }));

  server.Get(R"(/v1/albums/([^/]+)/tracks)",
             api([&s](const httplib::Request& req, httplib::Response& res, bool) {
               const Album* album = s.find_album(req.matches[1]);
               int limit = 0;
               int offset = 0;
               if (album == nullptr) {
                 return api_error(res, 404, "Resource not found");
               }
               if (!paging(req, res, 20, 50, limit, offset)) {
                 return;
               }
               std::vector<json> tracks;
               for (const Track& track : album->tracks) {
                 tracks.push_back(s.track_json(*album, track, false));
               }
               const std::string href =
                   fmt::format("https://api.spotify.com/v1/albums/{}/tracks?", album->id);
               res.set_content(page(href, std::move(tracks), limit, offset).dump(),
                               "application/json");
             }));

  server.Get(
      R"(/v1/tracks/([^/]+))", api([&s](const httplib::Request& req, httplib::Response& res, bool) {
        const std::string id = req.matches[1];
        for (const Album& album : s.albums) {
          for (const Track& track : album.tracks) {
            if (track.id == id) {
              return res.set_content(s.track_json(album, track, true).dump(), "application/json");
            }
          }
        }
        api_error(res, 404, "Resource not found");
      }));

  add_library_routes(api);
}

}  // namespace harmony::fakes
