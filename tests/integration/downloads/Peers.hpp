#pragma once

#include "fakes/SlskdStandIn.hpp"

namespace harmony::testing {

// The acceptance scenario's peers for "The Beatles – Let It Be" (4 s): a live version, a
// 128 kbps MP3 and a FLAC of the album version, whose transfer ends with `flac_outcome`.
// False when the audio tools are missing.
bool add_three_peers(fakes::SlskdStandIn& standin, fakes::SlskdStandIn::Outcome flac_outcome =
                                                       fakes::SlskdStandIn::Outcome::succeed);

// Peers with hostile or lying offers (traversal, control characters, wrong size, not audio)
// and one honest 320 kbps MP3 from "good". False when the audio tools are missing.
bool add_hostile_peers(fakes::SlskdStandIn& standin);

}  // namespace harmony::testing
