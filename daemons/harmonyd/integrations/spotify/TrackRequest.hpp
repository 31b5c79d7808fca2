#pragma once

#include "hdm/TrackRequest.hpp"
#include "integrations/spotify/Records.hpp"

namespace harmony::harmonyd::spotify {

// A Spotify track as a download request: the track's first artist (empty when it has none),
// title, `album`'s name and year when given, track and disc number, duration and the normalised
// ISRC, each only when Spotify sent it. Callers add their own fallbacks and `source`.
hdm::TrackRequest track_request(const Track& track, const AlbumSummary* album);

}  // namespace harmony::harmonyd::spotify
