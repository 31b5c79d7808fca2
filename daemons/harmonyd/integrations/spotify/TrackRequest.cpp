#include "integrations/spotify/TrackRequest.hpp"

#include "library/MatchKey.hpp"

namespace harmony::harmonyd::spotify {

hdm::TrackRequest track_request(const Track& track, const AlbumSummary* album) {
  hdm::TrackRequest request;
  request.artist = track.artists.empty() ? std::string() : track.artists.front().name;
  request.title = track.name;
  if (album != nullptr) {
    request.album = album->name;
    request.year = release_year(album->release_date);
  }
  request.track_number =
      track.track_number > 0 ? std::optional<int>(track.track_number) : std::nullopt;
  request.disc_number =
      track.disc_number > 0 ? std::optional<int>(track.disc_number) : std::nullopt;
  request.duration_ms =
      track.duration_ms > 0 ? std::optional<std::int64_t>(track.duration_ms) : std::nullopt;
  request.isrc = library::normalise_isrc(track.isrc);
  return request;
}

}  // namespace harmony::harmonyd::spotify
