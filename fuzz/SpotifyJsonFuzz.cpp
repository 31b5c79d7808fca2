// Spotify's Web API answers (artists, albums, tracks, users, playlist items, paging objects and
// error bodies) are remote data: any JSON must map to bounded records or a clear error, without
// crashing or undefined behaviour.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "integrations/spotify/Encoding.hpp"
#include "integrations/spotify/RecordJson.hpp"

namespace spotify = harmony::harmonyd::spotify;

namespace {

void read_as_every_shape(const nlohmann::json& item) {
  static_cast<void>(spotify::artist_from_json(item));
  static_cast<void>(spotify::album_summary_from_json(item));
  static_cast<void>(spotify::track_from_json(item));
  static_cast<void>(spotify::user_from_json(item));
  static_cast<void>(spotify::playlist_item_from_json(item));
  static_cast<void>(spotify::page_from_json<spotify::Artist>(item, spotify::artist_from_json));
  static_cast<void>(
      spotify::page_from_json<spotify::AlbumSummary>(item, spotify::album_summary_from_json));
  static_cast<void>(spotify::page_from_json<spotify::Track>(item, spotify::track_from_json));
  static_cast<void>(
      spotify::page_from_json<spotify::PlaylistItem>(item, spotify::playlist_item_from_json));
}

// Error bodies reach messages only through printable(): the Web API's
// {"error":{"status","message"}} and the accounts service's {"error","error_description"}.
void read_error(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("error")) {
    return;
  }
  const auto& error = body["error"];
  if (error.is_string()) {
    static_cast<void>(spotify::printable(error.get<std::string>(), 200, "no error description"));
  } else if (error.is_object() && error.contains("message") && error["message"].is_string()) {
    static_cast<void>(spotify::printable(error["message"].get<std::string>(), 200, "no message"));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static_cast<void>(spotify::printable(text.substr(0, 512), 64, "?"));
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded()) {
    return 0;
  }
  read_as_every_shape(body);
  read_error(body);
  if (body.is_array() || body.is_object()) {
    for (const auto& item : body) {
      read_as_every_shape(item);
    }
  }
  return 0;
}
