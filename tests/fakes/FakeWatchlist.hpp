#pragma once

#include "api/Watchlist.hpp"

namespace harmony::fakes {

// A watchlist for route tests that only need every route to answer and for the UI's render
// benchmark: list() and activity() return what the test put in `artists` and `entries`, the rest
// answers not_found (the watchlist's own route tests use the real WatchlistService over SQLite).
class FakeWatchlist final : public harmonyd::api::Watchlist {
 public:
  using Artist = harmonyd::watchlist::WatchedArtist;

  Result<std::pair<Artist, bool>> watch(const harmonyd::api::WatchRequest&) override {
    return missing();
  }
  Result<std::vector<Artist>> list() override { return artists; }
  Result<harmonyd::api::WatchDetail> detail(const std::string&) override { return missing(); }
  Result<Artist> change(const std::string&, const harmonyd::api::WatchPatch&) override {
    return missing();
  }
  Result<Artist> pause(const std::string&, const std::string&, std::int64_t) override {
    return missing();
  }
  Result<Artist> resume(const std::string&) override { return missing(); }
  Result<Artist> check_now(const std::string&) override { return missing(); }
  Result<void> unwatch(const std::string&) override { return missing(); }
  Result<harmonyd::watchlist::ActivityPage> activity(const std::string&, std::size_t,
                                                     std::optional<std::int64_t>) override {
    return harmonyd::watchlist::ActivityPage{entries, std::nullopt};
  }

  std::vector<Artist> artists;
  std::vector<harmonyd::watchlist::ActivityEntry> entries;

 private:
  static Error missing() { return make_error(ErrorKind::not_found, "nothing is watched"); }
};

}  // namespace harmony::fakes
