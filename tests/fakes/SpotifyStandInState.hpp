#pragma once

// Private to the Spotify stand-in's sources (SpotifyStandIn*.cpp): the state every endpoint
// group shares. Tests use SpotifyStandIn.hpp only.

#include <httplib.h>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/SpotifyStandIn.hpp"

namespace harmony::fakes {
namespace spotify_standin {

using Clock = std::chrono::steady_clock;

struct Code {
  std::string client_id;
  std::string redirect_uri;
  std::string challenge;
  std::string scope;
  Clock::time_point expires;
  bool used = false;
};

struct AccessToken {
  bool user = false;  // false: client credentials (no user data)
  std::string scope;
  Clock::time_point expires;
};

// A Web API handler; `user` is false for an app (client-credentials) token.
using ApiHandler = std::function<void(const httplib::Request&, httplib::Response&, bool user)>;
// The wrapper every Web API route runs through (log, throttling, failures, bearer token).
using ApiWrap = std::function<httplib::Server::Handler(ApiHandler)>;

// limit/offset with Spotify's defaults and caps; false (and a 400 written) when out of range.
bool paging(const httplib::Request& req, httplib::Response& res, int default_limit, int max_limit,
            int& limit, int& offset);
// A paging object over `all` with href/items/limit/next/offset/previous/total.
nlohmann::json page(const std::string& href, std::vector<nlohmann::json> all, int limit,
                    int offset);

struct RefreshToken {
  std::string scope;
  bool used = false;
};

}  // namespace spotify_standin

// Handlers run on httplib's worker threads: everything below `mutex` is guarded by it.
struct SpotifyStandIn::State {
  using Clock = spotify_standin::Clock;

  Options options;
  httplib::Server server;
  std::thread thread;
  int port = 0;

  mutable std::mutex mutex;
  std::map<std::string, std::string> artists;  // id → name, in id order
  std::vector<Album> albums;
  std::vector<Playlist> playlists;
  std::vector<std::string> liked;  // Liked Songs, newest first
  std::map<std::string, spotify_standin::Code> codes;
  std::map<std::string, spotify_standin::AccessToken> access_tokens;
  std::map<std::string, spotify_standin::RefreshToken> refresh_tokens;
  std::vector<ApiRequest> requests;
  std::map<std::string, int> token_grants;
  int refresh_issued = 0;
  int serial = 0;
  Clock::time_point throttled_until{};
  std::optional<std::chrono::seconds> throttle_next;
  Clock::time_point first_throttled{};
  int failures_left = 0;
  int failure_status = 500;
  bool deny_authorize = false;
  bool owner_premium = true;
  bool token_not_json = false;
  std::chrono::milliseconds api_latency{0};

  // A fresh opaque value of `length` url-safe characters (callers hold the mutex).
  std::string mint(std::size_t length);

  void add_accounts_routes();  // SpotifyStandInAccounts.cpp
  void add_api_routes();       // SpotifyStandInApi.cpp
  // /me/playlists, /playlists/{id}, /playlists/{id}/items, /me/tracks (SpotifyStandInLibrary.cpp).
  void add_library_routes(const spotify_standin::ApiWrap& api);
  void seed();  // SpotifyStandInCatalogue.cpp

  // JSON of catalogue objects (callers hold the mutex).
  nlohmann::json artist_json(const std::string& id) const;
  nlohmann::json album_summary_json(const Album& album) const;
  nlohmann::json track_json(const Album& album, const Track& track, bool with_album) const;
  const Album* find_album(const std::string& id) const;
};

// The Web API's error envelope and the accounts service's.
void api_error(httplib::Response& res, int status, const std::string& message);
void accounts_error(httplib::Response& res, int status, const std::string& error,
                    const std::string& description);
// base64url(SHA-256(text)) without padding: the PKCE S256 challenge of a verifier.
std::string s256(const std::string& verifier);
std::string base64_decode(const std::string& text);

}  // namespace harmony::fakes
