#include "playlists/Playlist.hpp"

#include <fmt/format.h>

#include "integrations/spotify/SpotifyCatalog.hpp"

namespace harmony::harmonyd::playlists {

Result<std::string> parse_playlist_reference(const std::string& text) {
  std::string id = text;
  while (!id.empty() && (id.back() == ' ' || id.back() == '/')) {
    id.pop_back();
  }
  id.erase(0, id.find_first_not_of(' '));
  if (id == k_liked) {
    return id;
  }
  for (const std::string prefix :
       {"spotify:playlist:", "https://open.spotify.com/playlist/",
        "http://open.spotify.com/playlist/", "open.spotify.com/playlist/"}) {
    if (id.rfind(prefix, 0) == 0) {
      id = id.substr(prefix.size());
      id = id.substr(0, id.find_first_of("?#/"));
      break;
    }
  }
  if (!spotify::valid_spotify_id(id)) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'playlist' must be a Spotify playlist link, a spotify:playlist: "
                                  "URI, a 22-character playlist id or 'liked', not '{}'",
                                  text.substr(0, 80)));
  }
  return id;
}

}  // namespace harmony::harmonyd::playlists
