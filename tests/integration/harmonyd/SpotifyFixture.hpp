#pragma once

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "HarmonydFixture.hpp"
#include "fakes/SpotifyStandIn.hpp"
#include "support/Eventually.hpp"

namespace harmony::testing {

// What a browser does with a URL: follows redirects (or not) and ends on a page.
struct BrowserVisit {
  long status = 0;
  std::string body;
  std::string location;   // the Location header when not following
  std::string final_url;  // where the browser ended
};

inline std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

inline BrowserVisit browse(const std::string& url, bool follow) {
  BrowserVisit visit;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, follow ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &visit.body);
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &visit.status);
    char* text = nullptr;
    curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &text);
    visit.location = text != nullptr ? text : "";
    curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &text);
    visit.final_url = text != nullptr ? text : "";
  }
  curl_easy_cleanup(curl);
  return visit;
}

inline nlohmann::json json_of(const httplib::Result& response) {
  return response ? nlohmann::json::parse(response->body, nullptr, false) : nlohmann::json();
}

// harmonyd configured for the Spotify stand-in, with its redirect URI on a free loopback port
// served by harmonyd's own callback listener.
struct SpotifyHarmonyd {
  fakes::SpotifyStandIn spotify;
  int callback_port;
  std::string redirect_uri;
  Env env;
  RunningHarmonyd harmonyd;

  explicit SpotifyHarmonyd(Env extra = {}, fakes::SpotifyStandIn::Options options = {})
      : SpotifyHarmonyd(free_loopback_port(), std::move(extra), std::move(options)) {}

  SpotifyHarmonyd(int port, Env extra, fakes::SpotifyStandIn::Options options)
      : spotify(with_redirect(std::move(options), port)),
        callback_port(port),
        redirect_uri(callback_uri(port)),
        env(make_env(extra)),
        harmonyd(env) {}

  static std::string callback_uri(int port) {
    return "http://127.0.0.1:" + std::to_string(port) + "/callback";
  }
  static fakes::SpotifyStandIn::Options with_redirect(fakes::SpotifyStandIn::Options options,
                                                      int port) {
    options.redirect_uris = {callback_uri(port)};
    return options;
  }
  Env make_env(const Env& extra) const {
    Env all{{"SPOTIFY_CLIENT_ID", spotify.options().client_id},
            {"SPOTIFY_CLIENT_SECRET", spotify.options().client_secret},
            {"SPOTIFY_REDIRECT_URI", redirect_uri},
            {"SPOTIFY_ACCOUNTS_URL", spotify.accounts_url()},
            {"SPOTIFY_API_URL", spotify.api_url()},
            {"HARMONY_LOG_LEVEL", "debug"}};
    for (const auto& [key, value] : extra) {
      all[key] = value;
    }
    return all;
  }

  httplib::Client client() const {
    auto client = harmonyd.client();
    client.set_read_timeout(30, 0);
    return client;
  }
  nlohmann::json get(const std::string& path, int expected_status) const {
    auto c = client();
    auto response = c.Get(path);
    EXPECT_TRUE(response) << "no answer from " << path;
    if (response) {
      EXPECT_EQ(response->status, expected_status) << path << ": " << response->body;
    }
    return json_of(response);
  }
  nlohmann::json start_login() const { return get("/api/v1/oauth/start", 200); }
  httplib::Result manual(const std::string& redirect_url) const {
    auto c = client();
    return c.Post("/api/v1/oauth/manual", nlohmann::json{{"redirect_url", redirect_url}}.dump(),
                  "application/json");
  }
  // Login through the manual route: the stand-in's redirect is read, not followed.
  void connect() const {
    const auto login = start_login();
    const auto visit = browse(login["authorization_url"].get<std::string>(), false);
    ASSERT_EQ(visit.status, 302) << visit.body;
    auto done = manual(visit.location);
    ASSERT_TRUE(done);
    ASSERT_EQ(done->status, 200) << done->body;
  }
  // Restarts harmonyd on the same directories, port and environment.
  void restart() {
    harmonyd.process->signal(SIGTERM);
    ASSERT_TRUE(harmonyd.process->wait_for_exit(std::chrono::seconds(10)).has_value());
    harmonyd.start(env);
    ASSERT_TRUE(
        eventually([this] { return port_accepts(harmonyd.port); }, std::chrono::seconds(10)))
        << harmonyd.process->output();
  }
};

}  // namespace harmony::testing
