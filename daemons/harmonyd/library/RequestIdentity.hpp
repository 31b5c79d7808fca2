#pragma once

#include "hdm/TrackRequest.hpp"
#include "library/LibraryTrack.hpp"

namespace harmony::harmonyd::library {

// What TrackStore::find looks a requested recording up by: its ISRC (normalised), else its
// artist, title and duration. The one place a download request becomes a library identity, so
// watchlists, playlists and imports agree on what "already in the library" means.
TrackIdentity identity_of(const hdm::TrackRequest& request);

}  // namespace harmony::harmonyd::library
