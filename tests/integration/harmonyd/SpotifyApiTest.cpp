// harmonyd's Spotify client as a process against the Spotify stand-in: token refresh and
// rotation, a revoked refresh token, the rate-limit latch under concurrency, catalogue calls on
// the app token, readiness and selfcheck, and secrets kept out of everything harmonyd prints.
#include <atomic>
#include <csignal>
#include <thread>

#include "SpotifyFixture.hpp"
#include "sqlite/Database.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using fakes::SpotifyStandIn;
using nlohmann::json;

std::string stored(const SpotifyHarmonyd& s, const std::string& sql) {
  auto db = sqlite::Database::open(s.harmonyd.dirs.config + "/harmony.db",
                                   {true, false, std::chrono::milliseconds(5000), false});
  if (!db) {
    ADD_FAILURE() << db.error().message;
    return {};
  }
  return db->query_text(sql).value_or("");
}

std::string refresh_token(const SpotifyHarmonyd& s) {
  return stored(s, "SELECT refresh_token FROM spotify_session WHERE id = 1");
}

// Waits until the connected user's access token has passed its expiry by the daemon's account.
void wait_for_expiry(const SpotifyHarmonyd& s) {
  const auto expires = s.get("/api/v1/spotify/status", 200)["token_expires_at"];
  ASSERT_TRUE(expires.is_string());
  const std::int64_t expires_ms =
      std::stoll(stored(s, "SELECT expires_ms FROM spotify_session WHERE id = 1"));
  ASSERT_TRUE(eventually(
      [expires_ms] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count() > expires_ms;
      },
      10s));
}

const std::string k_playlist_items =
    std::string("/api/v1/spotify/playlists/") + SpotifyStandIn::k_playlist + "/items";

TEST(SpotifyTokens, AnExpiredTokenIsRefreshedOnceAndTheRotatedTokenStored) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  s.spotify.set_token_lifetime(3s);
  s.connect();
  const std::string first = refresh_token(s);
  ASSERT_FALSE(first.empty());
  wait_for_expiry(s);
  const json items = s.get(k_playlist_items, 200);
  EXPECT_EQ(items["items"].size(), 3u) << items.dump();
  EXPECT_EQ(items["items"][0]["item"]["isrc"], "QZTST2600001");
  EXPECT_EQ(s.spotify.token_requests("refresh_token"), 1);
  const std::string rotated = refresh_token(s);
  EXPECT_FALSE(rotated.empty());
  EXPECT_NE(rotated, first);
  // The stored token is the live one: the next call needs no refresh.
  s.get(k_playlist_items, 200);
  EXPECT_EQ(s.spotify.token_requests("refresh_token"), 1);
  // ...and it survives a restart.
  s.restart();
  EXPECT_EQ(refresh_token(s), rotated);
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "connected");
}

TEST(SpotifyTokens, ARevokedRefreshTokenLeavesTheUserUnauthenticatedWithTheReason) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  s.spotify.set_token_lifetime(2s);
  s.connect();
  s.spotify.revoke_refresh_tokens();
  wait_for_expiry(s);
  const json refused = s.get(k_playlist_items, 409);
  EXPECT_EQ(refused["error"]["code"], "SPOTIFY_UNAUTHENTICATED");
  const json status = s.get("/api/v1/spotify/status", 200);
  EXPECT_EQ(status["status"], "unauthenticated");
  EXPECT_NE(status["reason"].get<std::string>().find("invalid_grant"), std::string::npos)
      << status.dump();
  // No retry loop: later calls do not ask the accounts service again, and harmonyd serves on.
  s.get(k_playlist_items, 409);
  EXPECT_EQ(s.spotify.token_requests("refresh_token"), 1);
  EXPECT_EQ(s.get("/api/health/live", 200)["status"], "ok");
  EXPECT_TRUE(refresh_token(s).empty());
}

TEST(SpotifyTokens, ForgettingTheUserDropsTheTokens) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  s.connect();
  auto c = s.client();
  auto forgotten = c.Delete("/api/v1/spotify/session");
  ASSERT_TRUE(forgotten);
  EXPECT_EQ(forgotten->status, 200);
  EXPECT_EQ(json_of(forgotten)["status"], "unauthenticated");
  EXPECT_TRUE(refresh_token(s).empty());
}

TEST(SpotifyRateLimit, FiftyConcurrentSearchesUnderRetryAfter3SendNothingFor3sAndAllAreAnswered) {
  SpotifyHarmonyd s(Env{{"SPOTIFY_REQUESTS_PER_30S", "1000"}});
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  s.get("/api/v1/spotify/search?type=artist&q=nova", 200);  // app token in hand
  s.spotify.set_api_latency(20ms);
  s.spotify.throttle(3s);
  std::atomic<int> answered{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 50; ++i) {
    callers.emplace_back([&s, &answered, i] {
      auto c = s.client();
      auto response = c.Get("/api/v1/spotify/search?type=track&limit=5&q=" +
                            std::string(i % 2 ? "harbour" : "song"));
      if (response && response->status == 200) {
        ++answered;
      } else {
        ADD_FAILURE() << (response ? response->body : std::string("no answer"));
      }
    });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  EXPECT_EQ(answered.load(), 50);
  const auto throttled_at = s.spotify.first_throttled_at();
  ASSERT_NE(throttled_at, std::chrono::steady_clock::time_point{});
  int during = 0;
  int after = 0;
  for (const auto& request : s.spotify.api_requests()) {
    // Requests already on the wire when the 429 was sent may land just after it.
    if (request.at > throttled_at + 250ms && request.at < throttled_at + 3s) {
      ++during;
    }
    after += request.at >= throttled_at + 3s ? 1 : 0;
  }
  EXPECT_EQ(during, 0);
  EXPECT_GE(after, 50);  // every search was sent once the latch lifted
  const std::string metrics = s.client().Get("/api/v1/metrics")->body;
  EXPECT_NE(metrics.find("harmony_spotify_rate_limits_total 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find(R"(harmony_spotify_requests_total{endpoint="/search",status="429"})"),
            std::string::npos);
}

TEST(SpotifyRateLimit, CallersBeyondTheWaitGet503WithRetryAfter) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  s.spotify.throttle(120s);
  auto c = s.client();
  auto first = c.Get("/api/v1/spotify/artists/" + std::string(SpotifyStandIn::k_artist));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(json_of(first)["error"]["code"], "SPOTIFY_RATE_LIMITED");
  ASSERT_TRUE(first->has_header("Retry-After"));
  EXPECT_GE(std::stoi(first->get_header_value("Retry-After")), 119);
  const int sent = s.spotify.api_request_count();
  auto second = c.Get("/api/v1/spotify/search?type=album&q=harbour");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 503);
  EXPECT_EQ(s.spotify.api_request_count(), sent);
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "rate_limited");
}

TEST(SpotifyCatalogue, ArtistLookupsWorkOnTheAppTokenWithNoUserConnected) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const json artist =
      s.get("/api/v1/spotify/artists/" + std::string(SpotifyStandIn::k_artist), 200);
  EXPECT_EQ(artist["name"], "Nova Tideline");
  EXPECT_EQ(artist["releases"].size(), 13u) << artist.dump();
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "unauthenticated");
  EXPECT_EQ(s.spotify.token_requests("client_credentials"), 1);
  EXPECT_EQ(s.spotify.token_requests("authorization_code"), 0);
  int album_pages = 0;
  for (const auto& request : s.spotify.api_requests()) {
    EXPECT_EQ(request.target.find("ids="), std::string::npos) << request.target;
    if (request.target.find("/albums?") != std::string::npos) {
      ++album_pages;
      EXPECT_NE(request.target.find("limit=10"), std::string::npos) << request.target;
    }
  }
  EXPECT_EQ(album_pages, 2);
}

TEST(SpotifyCatalogue, AlbumsCarryEveryTrackWithDurationNumbersAndIsrc) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const json album = s.get("/api/v1/spotify/albums/" + std::string(SpotifyStandIn::k_album), 200);
  ASSERT_EQ(album["tracks"].size(), 12u) << album.dump();
  const json& last = album["tracks"][11];
  EXPECT_EQ(last["track_number"], 12);
  EXPECT_EQ(last["disc_number"], 2);
  EXPECT_EQ(last["duration_ms"], 192000);
  EXPECT_EQ(last["isrc"], "QZTST2600012");
  EXPECT_EQ(album["upc"], "600000000000");
}

TEST(SpotifyCatalogue, SearchKeepsToTheDevModePageCapAndRefusesBadInput) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const json found = s.get("/api/v1/spotify/search?type=track&q=harbour&limit=10", 200);
  EXPECT_EQ(found["items"].size(), 10u);
  EXPECT_EQ(found["total"], 12);
  EXPECT_EQ(found["has_next"], true);
  const json capped = s.get("/api/v1/spotify/search?type=track&q=x&limit=11", 400);
  EXPECT_NE(capped["error"]["message"].get<std::string>().find("at most 10"), std::string::npos)
      << capped.dump();
  s.get("/api/v1/spotify/search?type=playlist&q=x", 400);
  s.get("/api/v1/spotify/artists/not-an-id", 400);
  s.get("/api/v1/spotify/artists/0000000000000000000000", 404);
  s.spotify.set_owner_premium(false);
  const json forbidden =
      s.get("/api/v1/spotify/artists/" + std::string(SpotifyStandIn::k_artist), 502);
  EXPECT_NE(forbidden["error"]["message"].get<std::string>().find("Premium"), std::string::npos);
}

TEST(SpotifyReadiness, AWorkingClientIsReadyAWrongSecretExits78AndNoAccountsServiceExits69) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  EXPECT_EQ(s.get("/api/health/ready?verbose=1", 200)["checks"]["spotify"]["status"], "ok");
  auto env = s.harmonyd.dirs.env(s.harmonyd.port);
  for (const auto& [key, value] : s.env) {
    env[key] = value;
  }
  env["SPOTIFY_CLIENT_SECRET"] = "wrong-secret-0123456789";
  Process wrong(k_harmonyd, {"selfcheck", "--assert-startup"}, env);
  EXPECT_EQ(wrong.wait_for_exit(10s), 78) << wrong.output();
  EXPECT_NE(wrong.output().find("SPOTIFY_CLIENT_SECRET"), std::string::npos) << wrong.output();
  EXPECT_EQ(wrong.output().find("wrong-secret"), std::string::npos) << wrong.output();
  RunningHarmonyd refused(Env{{"SPOTIFY_CLIENT_ID", s.spotify.options().client_id},
                              {"SPOTIFY_CLIENT_SECRET", "wrong-secret-0123456789"},
                              {"SPOTIFY_ACCOUNTS_URL", s.spotify.accounts_url()},
                              {"SPOTIFY_API_URL", s.spotify.api_url()}});
  ASSERT_TRUE(refused.ready()) << refused.process->output();
  auto refused_client = refused.client();
  EXPECT_EQ(json_of(refused_client.Get("/api/health/ready"))["status"], "fail");
  const json status = json_of(refused_client.Get("/api/v1/spotify/status"));
  EXPECT_EQ(status["status"], "error") << status.dump();
  EXPECT_NE(status["reason"].get<std::string>().find("invalid_client"), std::string::npos);
  env["SPOTIFY_CLIENT_SECRET"] = s.spotify.options().client_secret;
  env["SPOTIFY_ACCOUNTS_URL"] = "http://127.0.0.1:" + std::to_string(free_loopback_port());
  Process unreachable(k_harmonyd, {"selfcheck", "--assert-startup"}, env);
  EXPECT_EQ(unreachable.wait_for_exit(10s), 69) << unreachable.output();
}

TEST(SpotifySecrets, NothingHarmonydPrintsHoldsTheSecretACodeAVerifierOrAToken) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  s.spotify.set_token_lifetime(2s);
  // A browser login, a manual one, a failed exchange, a refresh and catalogue calls.
  const json first = s.start_login();
  std::vector<std::string> codes;
  const auto visit = browse(first["authorization_url"].get<std::string>(), false);
  codes.push_back(visit.location.substr(visit.location.find("code=") + 5));
  browse(visit.location, true);
  const std::string verifier = stored(s, "SELECT verifier FROM oauth_transactions WHERE state = '" +
                                             first["state"].get<std::string>() + "'");
  ASSERT_FALSE(verifier.empty());
  const std::string first_refresh = refresh_token(s);
  const std::string first_access = stored(s, "SELECT access_token FROM spotify_session");
  const json second = s.start_login();
  const auto again = browse(second["authorization_url"].get<std::string>(), false);
  codes.push_back(again.location.substr(again.location.find("code=") + 5));
  s.spotify.set_token_reply_not_json(true);
  s.manual(again.location);
  s.spotify.set_token_reply_not_json(false);
  wait_for_expiry(s);
  s.get(k_playlist_items, 200);
  s.get("/api/v1/spotify/artists/" + std::string(SpotifyStandIn::k_artist), 200);

  std::string printed;
  auto c = s.client();
  for (const char* path : {"/env", "/api/v1/metrics", "/api/v1/spotify/status",
                           "/api/health/ready?verbose=1", "/api/v1/status"}) {
    auto response = c.Get(path);
    ASSERT_TRUE(response) << path;
    printed += response->body;
  }
  printed += json_of(s.manual(again.location)).dump();
  s.harmonyd.process->signal(SIGTERM);
  s.harmonyd.process->wait_for_exit(10s);
  printed += s.harmonyd.process->output();
  ASSERT_NE(printed.find("Spotify user connected"), std::string::npos) << printed;

  std::vector<std::pair<std::string, std::string>> secrets = {
      {"client secret", s.spotify.options().client_secret},
      {"verifier", verifier},
      {"refresh token", first_refresh},
      {"access token", first_access},
      {"rotated refresh token", refresh_token(s)},
      {"rotated access token", stored(s, "SELECT access_token FROM spotify_session")}};
  for (const std::string& code : codes) {
    secrets.emplace_back("authorization code", code.substr(0, code.find('&')));
  }
  for (const auto& [what, secret] : secrets) {
    ASSERT_GE(secret.size(), 20u) << what;
    EXPECT_EQ(printed.find(secret), std::string::npos) << what << " was printed";
  }
}

}  // namespace
}  // namespace harmony::testing
