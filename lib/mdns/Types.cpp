#include "mdns/Types.hpp"

namespace harmony::mdns {

std::string_view to_string(ServerState state) noexcept {
  switch (state) {
    case ServerState::unreachable:
      return "unreachable";
    case ServerState::connecting:
      return "connecting";
    case ServerState::registering:
      return "registering";
    case ServerState::running:
      return "running";
    case ServerState::collision:
      return "collision";
    case ServerState::failure:
      return "failure";
  }
  return "unknown";
}

std::string_view to_string(BrowseEventKind kind) noexcept {
  switch (kind) {
    case BrowseEventKind::added:
      return "NEW";
    case BrowseEventKind::removed:
      return "REMOVE";
    case BrowseEventKind::cache_exhausted:
      return "CACHE_EXHAUSTED";
    case BrowseEventKind::all_for_now:
      return "ALL_FOR_NOW";
    case BrowseEventKind::disconnected:
      return "DISCONNECTED";
    case BrowseEventKind::failure:
      return "FAILURE";
  }
  return "unknown";
}

}  // namespace harmony::mdns
