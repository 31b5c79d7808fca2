// Search: Spotify's catalogue (artists, albums, tracks) with a request button per track and
// album and a watch button per artist; without Spotify, a direct "Artist – Title" request.
#include <charconv>
#include <set>

#include <fmt/format.h>

#include "core/UrlEncode.hpp"
#include "ui/Views.hpp"
#include "ui/pages/Pages.hpp"

namespace harmony::harmonyd::ui::pages {
namespace {

constexpr int k_page = 10;  // Spotify serves at most 10 search results per page
constexpr int k_max_offset = 1000;
constexpr std::size_t k_max_query = 500;

struct Query {
  std::string text;
  std::string type = "artist";
  int offset = 0;
};

Query query_of(const http::Request& request) {
  Query query;
  query.text = request.query_value("q").value_or("").substr(0, k_max_query);
  const std::string type = request.query_value("type").value_or("artist");
  if (type == "album" || type == "track") {
    query.type = type;
  }
  const std::string offset = request.query_value("offset").value_or("0");
  int value = 0;
  const auto [end, ec] = std::from_chars(offset.data(), offset.data() + offset.size(), value);
  if (ec == std::errc() && end == offset.data() + offset.size() && value >= 0) {
    query.offset = std::min(value, k_max_offset);
  }
  return query;
}

std::string artist_names(const nlohmann::json& artists) {
  std::string names;
  for (const auto& artist : artists) {
    names += names.empty() ? "" : ", ";
    names += artist.value("name", std::string());
  }
  return names;
}

std::string search_url(const Query& query, int offset) {
  return fmt::format("/ui/search?type={}&q={}&offset={}", query.type, percent_encode(query.text),
                     offset);
}

nlohmann::json result_rows(const nlohmann::json& items, const std::string& type,
                           const std::set<std::string>& watched) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& item : items) {
    const std::string id = item.value("id", std::string());
    nlohmann::json row{{"id", id}, {"name", item.value("name", std::string())}};
    if (type == "artist") {
      std::string genres;
      for (const auto& genre : item.value("genres", nlohmann::json::array())) {
        genres += genres.empty() ? "" : ", ";
        genres += genre.get<std::string>();
      }
      row["genres"] = genres.empty() ? nlohmann::json(nullptr) : nlohmann::json(genres);
      row["key"] = "spotify:" + id;
      row["watched"] = watched.count("spotify:" + id) > 0;
    } else if (type == "album") {
      row["artists"] = artist_names(item.value("artists", nlohmann::json::array()));
      row["year"] = item.value("release_date", std::string()).substr(0, 4);
      row["album_type"] = item.value("album_type", std::string());
      row["total_tracks"] = item.value("total_tracks", 0);
    } else {
      const auto artists = item.value("artists", nlohmann::json::array());
      row["artists"] = artist_names(artists);
      row["artist"] = artists.empty() ? std::string() : artists[0].value("name", std::string());
      const auto album = item.value("album", nlohmann::json::object());
      row["album"] = album.value("name", std::string());
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::set<std::string> watched_keys(UiContext& context) {
  std::set<std::string> keys;
  if (auto artists = context.console.watchlist().list()) {
    for (const auto& artist : *artists) {
      keys.insert(artist.key);
    }
  }
  return keys;
}

nlohmann::json search_view(UiContext& context, const Query& query) {
  const nlohmann::json status = context.console.spotify().status();
  const bool configured = status.value("status", "unconfigured") != "unconfigured";
  nlohmann::json view{{"configured", configured},
                      {"q", query.text},
                      {"type_artist", query.type == "artist"},
                      {"type_album", query.type == "album"},
                      {"type_track", query.type == "track"},
                      {"searched", false}};
  if (!configured) {
    view["reason"] = status.value("reason", "Spotify is not configured.");
    return view;
  }
  if (query.text.empty()) {
    return view;
  }
  view["searched"] = true;
  auto found = context.console.spotify().search(query.type, query.text, k_page, query.offset);
  if (!found) {
    view["error"] = found.error().message;
    return view;
  }
  const std::set<std::string> watched =
      query.type == "artist" ? watched_keys(context) : std::set<std::string>{};
  nlohmann::json rows = result_rows((*found)["items"], query.type, watched);
  view["has_results"] = !rows.empty();
  view[query.type + "s"] = std::move(rows);
  view["total"] = found->value("total", 0);
  if (found->value("has_next", false) && query.offset + k_page <= k_max_offset) {
    view["next_url"] = search_url(query, query.offset + k_page);
  }
  if (query.offset > 0) {
    view["previous_url"] = search_url(query, std::max(0, query.offset - k_page));
  }
  view["back"] = search_url(query, query.offset);
  return view;
}

}  // namespace

http::Response search(UiContext& context, const http::Request& request, const Visit& visit) {
  return render_page(context, visit, "Search", "search", "search",
                     search_view(context, query_of(request)));
}

http::Response album_request(UiContext& context, const http::Request& request, const Visit&) {
  const std::string id = path_param(request, "id");
  auto album = context.console.spotify().album(id);
  if (!album) {
    return error_page(context, 502, "The album could not be read from Spotify",
                      album.error().message);
  }
  const std::string album_name = album->value("name", std::string());
  const std::string album_artist = artist_names(album->value("artists", nlohmann::json::array()));
  int queued = 0;
  std::string first_error;
  for (const auto& track : album->value("tracks", nlohmann::json::array())) {
    hdm::TrackRequest wanted;
    const auto artists = track.value("artists", nlohmann::json::array());
    wanted.artist = artists.empty() ? album_artist : artists[0].value("name", album_artist);
    wanted.title = track.value("name", std::string());
    wanted.album = album_name;
    wanted.track_number = track.value("track_number", 0);
    wanted.disc_number = track.value("disc_number", 1);
    wanted.duration_ms = track.value("duration_ms", std::int64_t{0});
    if (track.contains("isrc") && track["isrc"].is_string()) {
      wanted.isrc = track["isrc"].get<std::string>();
    }
    auto submitted = context.console.downloads().submit(std::move(wanted));
    if (submitted) {
      ++queued;
    } else if (first_error.empty()) {
      first_error = submitted.error().message;
    }
  }
  if (queued == 0) {
    return error_page(
        context, 503, "The album could not be requested",
        first_error.empty() ? "Spotify lists no tracks for this album." : first_error);
  }
  return redirect("/ui/downloads");
}

}  // namespace harmony::harmonyd::ui::pages
