// Connecting a Spotify user through harmonyd as a process, against the Spotify stand-in: the
// browser flow through harmonyd's own callback listener, the manual flow, and every way a login
// can go wrong.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

#include "SpotifyFixture.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::string replace_param(std::string url, const std::string& name, const std::string& value) {
  const auto at = url.find(name + "=");
  const auto end = url.find('&', at);
  return url.replace(at, (end == std::string::npos ? url.size() : end) - at, name + "=" + value);
}

TEST(SpotifyOAuth, BrowserLoginLandsOnHarmonydsOwnCallbackAndConnectsTheUser) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "unauthenticated");
  const json login = s.start_login();
  EXPECT_EQ(login["provider"], "spotify");
  EXPECT_EQ(login["code_challenge_method"], "S256");
  EXPECT_EQ(login["redirect_uri"], s.redirect_uri);
  EXPECT_EQ(login["callback_served"], true);
  const std::string url = login["authorization_url"];
  EXPECT_NE(url.find("code_challenge="), std::string::npos);

  const auto visit = browse(url, true);
  EXPECT_EQ(visit.status, 200) << visit.body;
  EXPECT_EQ(visit.final_url.rfind(s.redirect_uri, 0), 0u) << visit.final_url;
  EXPECT_NE(visit.body.find("Spotify is connected"), std::string::npos) << visit.body;

  const json status = s.get("/api/v1/spotify/status", 200);
  EXPECT_EQ(status["status"], "connected") << status.dump();
  EXPECT_EQ(status["user"]["id"], "standin-user");
  EXPECT_EQ(status["user"]["display_name"], "Stand-in Listener");
  EXPECT_FALSE(status["token_expires_at"].is_null());
  EXPECT_EQ(s.get("/api/v1/oauth/status/" + login["state"].get<std::string>(), 200)["status"],
            "completed");
  EXPECT_EQ(s.spotify.token_requests("authorization_code"), 1);
}

TEST(SpotifyOAuth, ALoginStartedBeforeARestartCompletesAfterIt) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const json login = s.start_login();
  s.restart();
  const auto visit = browse(login["authorization_url"].get<std::string>(), true);
  EXPECT_EQ(visit.status, 200) << visit.body;
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "connected");
  // A connection survives a restart too.
  s.restart();
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "connected");
}

TEST(SpotifyOAuth, ThePastedRedirectOfABrowserElsewhereConnectsTheUser) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const json login = s.start_login();
  const auto visit = browse(login["authorization_url"].get<std::string>(), false);
  ASSERT_EQ(visit.status, 302);
  auto done = s.manual(visit.location);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json_of(done)["state"], login["state"]);
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "connected");
  // The same redirect again: the state is spent.
  auto again = s.manual(visit.location);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(json_of(again)["error_code"], "OAUTH_STATE_MISMATCH");
  EXPECT_EQ(s.spotify.token_requests("authorization_code"), 1);
}

TEST(SpotifyOAuth, MismatchedExpiredAndDeniedLoginsGiveTheirCodesAndChangeNothing) {
  SpotifyHarmonyd s(Env{{"OAUTH_STATE_TTL", "1s"}});
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const auto expect_code = [&s](const std::string& url, const std::string& code) {
    auto answer = s.manual(url);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400) << answer->body;
    EXPECT_EQ(json_of(answer)["error_code"], code) << answer->body;
    EXPECT_EQ(json_of(answer)["error"]["code"], code);
    EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "unauthenticated");
  };

  // Each login lives 1 s: the denied one is finished first, the expired one last.
  s.spotify.deny_next_authorize();
  const json denied = s.start_login();
  const auto refused = browse(denied["authorization_url"].get<std::string>(), false);
  EXPECT_NE(refused.location.find("error=access_denied"), std::string::npos);
  expect_code(refused.location, "OAUTH_ACCESS_DENIED");
  EXPECT_EQ(s.get("/api/v1/oauth/status/" + denied["state"].get<std::string>(), 200)["error_code"],
            "OAUTH_ACCESS_DENIED");

  const json mismatched = s.start_login();
  const auto visit = browse(mismatched["authorization_url"].get<std::string>(), false);
  expect_code(replace_param(visit.location, "state", "not-the-state-we-sent"),
              "OAUTH_STATE_MISMATCH");

  const json expired = s.start_login();
  const auto late = browse(expired["authorization_url"].get<std::string>(), false);
  const std::string state = expired["state"];
  ASSERT_TRUE(eventually(
      [&] { return s.get("/api/v1/oauth/status/" + state, 200)["status"] == "expired"; }, 5s));
  expect_code(late.location, "OAUTH_CODE_EXPIRED");

  EXPECT_EQ(s.spotify.token_requests("authorization_code"), 0);
}

TEST(SpotifyOAuth, BadRedirectsAreRefusedClearlyAndTheDaemonKeepsServing) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const json login = s.start_login();
  const auto visit = browse(login["authorization_url"].get<std::string>(), false);
  const auto code_for = [&s](const std::string& url) {
    auto answer = s.manual(url);
    return answer ? json_of(answer)["error_code"].get<std::string>() : std::string("no answer");
  };
  // Another host, a missing code, 10 KB parameters.
  EXPECT_EQ(
      code_for("https://evil.example" + visit.location.substr(visit.location.find("/callback"))),
      "OAUTH_INVALID_REDIRECT");
  std::string no_code = visit.location.substr(0, visit.location.find('?')) +
                        "?state=" + login["state"].get<std::string>();
  EXPECT_EQ(code_for(no_code), "OAUTH_INVALID_REDIRECT");
  EXPECT_EQ(code_for(replace_param(visit.location, "code", std::string(10 * 1024, 'A'))),
            "OAUTH_INVALID_REDIRECT");
  // The callback listener says the same in a page.
  const auto page = browse(s.redirect_uri + "?state=unknown&code=abc", true);
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("OAUTH_STATE_MISMATCH"), std::string::npos) << page.body;
  // Not JSON → 415; JSON without redirect_url → 400.
  auto c = s.client();
  auto form = c.Post("/api/v1/oauth/manual", "redirect_url=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  auto empty = c.Post("/api/v1/oauth/manual", "{}", "application/json");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "unauthenticated");
  EXPECT_EQ(s.spotify.token_requests("authorization_code"), 0);
}

TEST(SpotifyOAuth, AFailedCodeExchangeStoresNoTokenAndSaysWhy) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  const json login = s.start_login();
  const auto visit = browse(login["authorization_url"].get<std::string>(), false);
  s.spotify.set_token_reply_not_json(true);
  auto answer = s.manual(visit.location);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  EXPECT_EQ(json_of(answer)["error_code"], "OAUTH_TOKEN_EXCHANGE_FAILED");
  EXPECT_NE(json_of(answer)["message"].get<std::string>().find("JSON"), std::string::npos);
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "unauthenticated");
  EXPECT_EQ(s.get("/api/v1/oauth/status/" + login["state"].get<std::string>(), 200)["status"],
            "failed");
}

TEST(SpotifyOAuth, TheSeventhManualAttemptInFiveMinutesIs429) {
  SpotifyHarmonyd s;
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  for (int i = 0; i < 6; ++i) {
    auto answer = s.manual(s.redirect_uri + "?state=x&code=y");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 400) << i;
  }
  auto limited = s.manual(s.redirect_uri + "?state=x&code=y");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(json_of(limited)["error_code"], "OAUTH_MANUAL_RATE_LIMITED");
  EXPECT_TRUE(limited->has_header("Retry-After"));
}

TEST(SpotifyOAuth, ACallbackPortInUseIsAWarningAndTheManualPathStillWorks) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  SpotifyHarmonyd s(ntohs(address.sin_port), {}, {});
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  EXPECT_TRUE(s.harmonyd.process->wait_for_output("/api/v1/oauth/manual", 5s))
      << s.harmonyd.process->output();
  EXPECT_EQ(s.start_login()["callback_served"], false);
  s.connect();
  EXPECT_EQ(s.get("/api/v1/spotify/status", 200)["status"], "connected");
  ::close(fd);
}

TEST(SpotifyOAuth, StartNamesTheMissingKeyWhenSpotifyIsNotConfigured) {
  RunningHarmonyd harmonyd(Env{{"SPOTIFY_CLIENT_ID", "abc123"}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  auto client = harmonyd.client();
  auto answer = client.Get("/api/v1/oauth/start");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 503);
  EXPECT_NE(answer->body.find("SPOTIFY_CLIENT_SECRET"), std::string::npos) << answer->body;
  EXPECT_EQ(json_of(client.Get("/api/v1/spotify/status"))["status"], "unconfigured");
}

}  // namespace
}  // namespace harmony::testing
