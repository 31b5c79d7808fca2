// Followed Spotify playlists, shown on the Imports page: follow one (link, URI, id or "liked"
// for Liked Songs), sync one or all of them now. A sync queues only the items not seen before;
// each playlist is also written as an M3U8 in MUSIC_DIR/Playlists (PlaylistService).
#include <fmt/format.h>

#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr std::size_t k_max_reference = 512;  // a playlist link with its query is far shorter
constexpr const char* k_section = "/ui/imports#playlists";

std::string text_of(const nlohmann::json& from, const char* name) {
  const auto found = from.find(name);
  return found != from.end() && found->is_string() ? found->get<std::string>() : std::string();
}

nlohmann::json playlist_row(const nlohmann::json& playlist) {
  const auto total = playlist.find("items_total");
  return {
      {"playlist_id", text_of(playlist, "id")},
      {"playlist_name", text_of(playlist, "name")},
      {"owner", text_or_null(text_of(playlist, "owner"))},
      {"state", text_of(playlist, "state")},
      {"message", text_or_null(text_of(playlist, "message"))},
      {"items_total",
       total != playlist.end() && total->is_number_integer() ? *total : nlohmann::json(nullptr)},
      {"last_synced_at", text_or_null(text_of(playlist, "last_synced_at"))},
      {"file", text_or_null(text_of(playlist, "file"))}};
}

http::Response playlist_error(UiContext& context, std::string_view title, const Error& error) {
  const int status = error.kind == ErrorKind::not_found ? 404
                     : error.kind == ErrorKind::invalid ? 400
                                                        : 503;
  return error_page(context, status, title, error.message);
}

}  // namespace

nlohmann::json followed_playlists(UiContext& context) {
  nlohmann::json rows = nlohmann::json::array();
  auto listed = context.console.playlists().list();
  if (listed && listed->contains("items") && (*listed)["items"].is_array()) {
    for (const auto& playlist : (*listed)["items"]) {
      if (playlist.is_object()) {
        rows.push_back(playlist_row(playlist));
      }
    }
  }
  return {{"has_playlists", !rows.empty()},
          {"playlists", std::move(rows)},
          {"playlists_error",
           listed ? nlohmann::json(nullptr) : nlohmann::json(listed.error().message)}};
}

http::Response playlist_follow(UiContext& context, const http::Request&, const Visit& visit) {
  std::string reference = visit.form.get("playlist").value_or("");
  const auto first = reference.find_first_not_of(" \t\r\n");
  reference = first == std::string::npos
                  ? std::string()
                  : reference.substr(first, reference.find_last_not_of(" \t\r\n") - first + 1);
  if (reference.empty() || reference.size() > k_max_reference) {
    return error_page(context, 400, "Playlist not followed",
                      "Give a Spotify playlist link, a spotify:playlist: URI, its id, or "
                      "“liked” for your Liked Songs.");
  }
  auto followed = context.console.playlists().follow(reference);
  return followed ? redirect(k_section)
                  : playlist_error(context, "Playlist not followed", followed.error());
}

http::Response playlists_sync(UiContext& context, const http::Request&, const Visit&) {
  auto asked = context.console.playlists().sync("");
  return asked ? redirect(k_section)
               : playlist_error(context, "Playlists not synced", asked.error());
}

http::Response playlist_sync(UiContext& context, const http::Request& request, const Visit&) {
  const std::string id = path_param(request, "id").substr(0, k_max_reference);
  auto asked = context.console.playlists().sync(id);
  return asked ? redirect(k_section)
               : playlist_error(context, "Playlist not synced", asked.error());
}

}  // namespace harmony::harmonyd::ui::pages
