#pragma once

#include <nlohmann/json.hpp>

#include "integrations/slskd/TransferState.hpp"
#include "integrations/slskd/Types.hpp"

// Reading slskd's JSON shapes. slskd omits null fields, so every field is optional here; wrong
// types are treated as missing rather than trusted. Throws nothing.
namespace harmony::harmonyd::slskd::json {

SearchStatus search_status(const nlohmann::json& body);
PeerResponse peer_response(const nlohmann::json& body);
Transfer transfer(const nlohmann::json& body);

}  // namespace harmony::harmonyd::slskd::json
