#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api/Playlists.hpp"

namespace harmony::fakes {

// api::Playlists for route tests: follows any reference it is given (no Spotify), remembers
// the followed ones and the sync requests.
class FakePlaylists final : public harmonyd::api::Playlists {
 public:
  Result<nlohmann::json> spotify_playlists() override {
    return nlohmann::json{{"items", nlohmann::json::array()}};
  }
  Result<std::pair<nlohmann::json, bool>> follow(const std::string& reference) override {
    const std::lock_guard lock(m_mutex);
    const bool added = followed.insert(reference).second;
    return std::make_pair(nlohmann::json{{"id", reference}}, added);
  }
  Result<nlohmann::json> list() override {
    const std::lock_guard lock(m_mutex);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& id : followed) {
      nlohmann::json playlist{{"id", id}};
      if (const auto extra = shown.find(id); extra != shown.end()) {
        playlist.update(extra->second);
      }
      items.push_back(std::move(playlist));
    }
    return nlohmann::json{{"items", items}};
  }
  Result<nlohmann::json> get(const std::string& id) override {
    const std::lock_guard lock(m_mutex);
    if (!followed.count(id)) {
      return make_error(ErrorKind::not_found, "not followed");
    }
    return nlohmann::json{{"id", id}};
  }
  Result<void> unfollow(const std::string& id) override {
    const std::lock_guard lock(m_mutex);
    if (followed.erase(id) == 0) {
      return make_error(ErrorKind::not_found, "not followed");
    }
    return {};
  }
  Result<nlohmann::json> sync(const std::string& id) override {
    const std::lock_guard lock(m_mutex);
    ++sync_requests;
    synced.push_back(id);
    return nlohmann::json{
        {"playlists", id.empty() ? nlohmann::json::array() : nlohmann::json::array({id})}};
  }

  std::set<std::string> followed;
  std::map<std::string, nlohmann::json> shown;  // more fields list() shows for a followed id
  int sync_requests = 0;
  std::vector<std::string> synced;  // the ids asked for, "" for all

 private:
  std::mutex m_mutex;
};

}  // namespace harmony::fakes
