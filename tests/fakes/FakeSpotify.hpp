#pragma once

#include <string>

#include "api/Spotify.hpp"
#include "integrations/spotify/Failure.hpp"

namespace harmony::fakes {

// api::Spotify answering every call with `failure` when set, else canned bodies; records the
// last arguments so route tests can check what the handler passed on.
class FakeSpotify final : public harmonyd::api::Spotify {
 public:
  Result<nlohmann::json> oauth_start() override { return answer({{"state", "s"}}); }
  Result<nlohmann::json> oauth_manual(const std::string& redirect_url,
                                      const std::string& client) override {
    last_redirect_url = redirect_url;
    last_client = client;
    return answer({{"ok", true}});
  }
  nlohmann::json oauth_status(const std::string& state) override {
    return {{"state", state}, {"status", "unknown"}};
  }
  nlohmann::json status() override { return {{"status", "unconfigured"}}; }
  Result<void> forget_user() override {
    if (failure) {
      return *failure;
    }
    return {};
  }
  Result<nlohmann::json> search(const std::string& type, const std::string& query, int limit,
                                int offset) override {
    last_search = {type, query, limit, offset};
    return answer({{"items", nlohmann::json::array()}});
  }
  Result<nlohmann::json> artist(const std::string& id) override { return answer({{"id", id}}); }
  Result<nlohmann::json> album(const std::string& id) override { return answer({{"id", id}}); }
  Result<nlohmann::json> playlist_items(const std::string& id, int, int) override {
    return answer({{"id", id}});
  }
  std::int64_t retry_after_seconds() override { return retry_after; }

  struct Search {
    std::string type;
    std::string query;
    int limit = 0;
    int offset = 0;
  };
  std::optional<Error> failure;
  std::int64_t retry_after = 0;
  std::string last_redirect_url;
  std::string last_client;
  Search last_search;

 private:
  Result<nlohmann::json> answer(nlohmann::json body) {
    if (failure) {
      return *failure;
    }
    return body;
  }
};

}  // namespace harmony::fakes
