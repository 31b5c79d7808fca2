#include "watchlist/Watchlist.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "integrations/spotify/SpotifyCatalog.hpp"

namespace harmony::harmonyd::watchlist {

std::string_view to_string(Monitor monitor) noexcept {
  switch (monitor) {
    case Monitor::new_releases:
      return "new";
    case Monitor::all:
      return "all";
    case Monitor::none:
      return "none";
  }
  return "new";
}

std::optional<Monitor> parse_monitor(std::string_view text) noexcept {
  for (const auto monitor : {Monitor::new_releases, Monitor::all, Monitor::none}) {
    if (text == to_string(monitor)) {
      return monitor;
    }
  }
  return std::nullopt;
}

bool is_release_type(std::string_view text) noexcept {
  return std::find(std::begin(k_release_types), std::end(k_release_types), text) !=
         std::end(k_release_types);
}

Result<std::string> parse_artist_reference(std::string_view text) {
  std::string_view id;
  for (const std::string_view prefix : {"spotify:artist:", "spotify:"}) {
    if (text.substr(0, prefix.size()) == prefix) {
      id = text.substr(prefix.size());
      break;
    }
  }
  if (id.empty()) {
    for (const std::string_view prefix :
         {"https://open.spotify.com/artist/", "http://open.spotify.com/artist/",
          "open.spotify.com/artist/"}) {
      if (text.substr(0, prefix.size()) == prefix) {
        id = text.substr(prefix.size());
        id = id.substr(0, id.find_first_of("?#/"));
        break;
      }
    }
  }
  const std::string candidate(id);
  if (!spotify::valid_spotify_id(candidate)) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' is not a Spotify artist: use spotify:<id>, "
                                  "spotify:artist:<id> or https://open.spotify.com/artist/<id> "
                                  "(the id is 22 letters and digits)",
                                  text.substr(0, 80)));
  }
  return candidate;
}

}  // namespace harmony::harmonyd::watchlist
