#include "library/RequestIdentity.hpp"

#include "library/MatchKey.hpp"

namespace harmony::harmonyd::library {

TrackIdentity identity_of(const hdm::TrackRequest& request) {
  TrackIdentity identity{request.artist, request.title, normalise_isrc(request.isrc), std::nullopt};
  if (request.duration_ms) {
    identity.duration = std::chrono::milliseconds(*request.duration_ms);
  }
  return identity;
}

}  // namespace harmony::harmonyd::library
