#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace harmony::fakes {

// A stand-in for Spotify's accounts service and Web API (which cannot be reached from tests):
// an HTTP server on 127.0.0.1 following the 2026 Development-Mode contract in
// reference/peers-and-contracts.md §3 closely enough to break a client that does not.
//
// Accounts: GET /authorize answers 302 to the redirect URI with `code` and `state` (or
// `error=access_denied` when told to deny); POST /api/token takes form bodies only, Basic client
// auth, and the grants authorization_code (code single-use, bound to the PKCE S256 challenge and
// the redirect URI), refresh_token (rotating: a used refresh token gets invalid_grant) and
// client_credentials (an app token with no user).
// Web API (Bearer): /me, /search (limit ≤ 10), /artists/{id}, /artists/{id}/albums (limit ≤ 10),
// /albums/{id}, /albums/{id}/tracks (limit ≤ 50), /tracks/{id}, /me/playlists, /playlists/{id},
// /playlists/{id}/items (owner or collaborator only, else 403; `item` field), /me/tracks (Liked
// Songs, `track` field; user tokens only, limit ≤ 50); the removed batch `?ids=` endpoints answer
// 403 and top-tracks/new-releases 404. Paging objects carry
// href/items/limit/next/offset/previous/total. Tokens live `token_lifetime` (1 h unless shortened).
// A test can throttle (429 + Retry-After), inject 5xx answers, revoke refresh tokens, take Premium
// away, and read request logs and counters. Thread-safe.
class SpotifyStandIn {
 public:
  struct Track {
    std::string id;
    std::string name;
    int track_number = 1;
    int disc_number = 1;
    std::int64_t duration_ms = 200'000;
    std::string isrc;
  };
  struct Album {
    std::string id;
    std::string name;
    std::string artist_id;
    std::string album_type = "album";  // album, single, compilation
    std::string release_date = "2024-05-17";
    std::string release_date_precision = "day";
    std::string upc;
    std::vector<Track> tracks;
  };
  struct Playlist {
    std::string id;
    std::string name;
    std::string owner_id;
    std::vector<std::string> track_ids;
    bool collaborative = false;  // the user may read its items though another owns it
  };
  struct User {
    std::string id = "standin-user";
    std::string display_name = "Stand-in Listener";
    std::string product = "premium";
  };

  struct Options {
    std::string client_id = "standinclient0123456789abcdef01";
    std::string client_secret = "standin-secret-5f1e2d3c4b5a69788796a5b4";
    // Redirect URIs registered for the app; empty accepts any http(s) URI.
    std::vector<std::string> redirect_uris;
    User user;
    std::chrono::seconds token_lifetime{3600};
    std::chrono::seconds code_lifetime{600};
    bool seed_catalogue = true;  // the artists, albums and playlist listed in seeded ids below
  };

  // One Web API request as the stand-in received it.
  struct ApiRequest {
    std::chrono::steady_clock::time_point at;
    std::string method;
    std::string target;  // path and query
    int status = 0;
  };

  // Ids of the seeded catalogue.
  static constexpr const char* k_artist = "4aawyAB9vmqN3uQ7FjRGTy";  // 13 albums
  static constexpr const char* k_other_artist = "1dfeR4HaWDbWqFHLkxsg1d";
  static constexpr const char* k_album = "2noRn2Aes5aoNVsU6iWThc";  // 12 tracks
  static constexpr const char* k_playlist = "37i9dQZF1DXcBWIGoYBM5M";

  explicit SpotifyStandIn(Options options);
  SpotifyStandIn() : SpotifyStandIn(Options{}) {}
  ~SpotifyStandIn();
  SpotifyStandIn(const SpotifyStandIn&) = delete;
  SpotifyStandIn& operator=(const SpotifyStandIn&) = delete;

  std::string accounts_url() const;  // http://127.0.0.1:PORT
  std::string api_url() const;       // http://127.0.0.1:PORT/v1
  const Options& options() const;

  void add_artist(const std::string& id, const std::string& name);
  void add_album(Album album);
  void add_playlist(Playlist playlist);
  // The playlist's items become `track_ids` (ids the catalogue knows), as when its owner edits it.
  void set_playlist_tracks(const std::string& id, std::vector<std::string> track_ids);
  // Liked Songs, newest first.
  void set_liked(std::vector<std::string> track_ids);

  // Controls.
  void set_token_lifetime(std::chrono::seconds lifetime);
  // The next Web API request gets 429 with Retry-After: `retry_after`, and so does every request
  // until that time has passed.
  void throttle(std::chrono::seconds retry_after);
  // The next `count` Web API requests get `status` (e.g. 502) before anything else is checked.
  void fail_next(int count, int status);
  void deny_next_authorize();
  void revoke_refresh_tokens();
  void set_owner_premium(bool premium);
  void set_token_reply_not_json(bool broken);
  // Added to every Web API answer, to make concurrency visible.
  void set_api_latency(std::chrono::milliseconds latency);

  // Counters and logs.
  std::vector<ApiRequest> api_requests() const;
  int api_request_count() const;
  int token_requests(const std::string& grant_type) const;  // "" counts every grant
  int refresh_tokens_issued() const;
  std::chrono::steady_clock::time_point first_throttled_at() const;  // epoch when never

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace harmony::fakes
