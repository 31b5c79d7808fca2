#include "imports/ImportResolver.hpp"

#include <map>

#include <fmt/format.h>

#include "imports/TrackMatch.hpp"
#include "integrations/spotify/Failure.hpp"
#include "integrations/spotify/TrackRequest.hpp"
#include "library/MatchKey.hpp"
#include "library/RequestIdentity.hpp"

namespace harmony::harmonyd::imports {
namespace {

constexpr int k_playlist_page = 50;
constexpr std::size_t k_max_playlist_items = 2000;

ImportItem item_for(const ImportLine& line) {
  ImportItem item;
  item.line = line.line;
  item.kind = std::string(to_string(line.kind));
  item.text = line.text;
  item.request.source = "import";
  return item;
}

// A request from a Spotify track; `album` when the track object has none of its own.
hdm::TrackRequest request_from(const spotify::Track& track, const spotify::AlbumSummary* album) {
  const spotify::AlbumSummary* from = track.album ? &*track.album : album;
  hdm::TrackRequest request = spotify::track_request(track, from);
  request.source = "import";
  if (request.artist.empty() && from != nullptr && !from->artists.empty()) {
    request.artist = from->artists.front().name;
  }
  return request;
}

SpotifyMatch match_of(const hdm::TrackRequest& request, const std::string& id, double score,
                      double threshold) {
  return {id,    request.isrc, request.album, request.year, request.duration_ms.value_or(0),
          score, threshold};
}

}  // namespace

ImportItem ImportResolver::refused(const ImportLine& line, const Error& error) {
  ImportItem item = item_for(line);
  const auto why = spotify::failure_of(error);
  item.outcome = "refused";
  if (why == spotify::Failure::not_configured) {
    item.reason =
        "Spotify links need SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (docs/spotify.md)";
  } else if (why == spotify::Failure::unauthenticated) {
    item.reason =
        "this needs a connected Spotify user: connect one in the web UI, then import again";
  } else if (why == spotify::Failure::forbidden) {
    item.reason =
        "Spotify refuses this to the app: playlist items are only given for playlists "
        "the connected user owns or collaborates on";
  } else if (error.kind == ErrorKind::not_found) {
    item.reason = "Spotify has no such item; check the link";
  } else {
    item.outcome = "failed";
    item.reason = "Spotify did not answer: " + error.message.substr(0, 300);
  }
  return item;
}

void ImportResolver::spotify_track(const ImportLine& line, std::vector<ImportItem>& items,
                                   ResolveReport& report) {
  ++report.spotify_requests;
  auto track = m_catalog.track(line.spotify_id);
  if (!track) {
    items.push_back(refused(line, track.error()));
    return;
  }
  ImportItem item = item_for(line);
  item.request = request_from(*track, nullptr);
  item.match = match_of(item.request, track->id, 1.0, k_match_threshold);
  ++report.matched;
  items.push_back(std::move(item));
}

void ImportResolver::spotify_album(const ImportLine& line, std::vector<ImportItem>& items,
                                   ResolveReport& report) {
  // The same album linked twice in one import is asked for once.
  auto cached = m_albums.find(line.spotify_id);
  if (cached == m_albums.end()) {
    auto fetched = m_catalog.album(line.spotify_id, true);
    if (!fetched) {
      ++report.spotify_requests;
      items.push_back(refused(line, fetched.error()));
      return;
    }
    // One album request per 50 tracks, plus one per track for its ISRC.
    report.spotify_requests += 1 + fetched->tracks.size() / 50 + fetched->tracks.size();
    cached = m_albums.emplace(line.spotify_id, std::move(*fetched)).first;
  }
  const spotify::Album* album = &cached->second;
  for (const auto& track : album->tracks) {
    ImportItem item = item_for(line);
    item.request = request_from(track, &album->summary);
    item.match = match_of(item.request, track.id, 1.0, k_match_threshold);
    ++report.matched;
    items.push_back(std::move(item));
  }
}

void ImportResolver::spotify_playlist(const ImportLine& line, std::vector<ImportItem>& items,
                                      ResolveReport& report) {
  for (int offset = 0;; offset += k_playlist_page) {
    ++report.spotify_requests;
    auto page = m_catalog.playlist_items(line.spotify_id, k_playlist_page, offset);
    if (!page) {
      items.push_back(refused(line, page.error()));
      return;
    }
    for (const auto& entry : page->items) {
      ImportItem item = item_for(line);
      item.request = request_from(entry.item, nullptr);
      item.match = match_of(item.request, entry.item.id, 1.0, k_match_threshold);
      ++report.matched;
      items.push_back(std::move(item));
    }
    if (!page->has_next || page->items.empty() ||
        static_cast<std::size_t>(offset) >= k_max_playlist_items) {
      return;
    }
  }
}

ImportItem ImportResolver::plain_track(const ImportLine& line, ResolveReport& report) {
  ImportItem item = item_for(line);
  item.request.artist = line.artist;
  item.request.title = line.title;
  item.request.album = line.album;
  item.request.isrc = line.isrc;
  item.request.duration_ms = line.duration_ms;
  if (m_spotify_off) {
    return item;
  }
  ++report.spotify_requests;
  auto found = m_catalog.search_tracks(match_query(line), 5, 0);
  if (!found) {
    if (spotify::failure_of(found.error()) == spotify::Failure::not_configured) {
      m_spotify_off = true;
    } else {
      item.unmatched = true;
      item.reason = "Spotify could not be asked (" + found.error().message.substr(0, 200) + ")";
    }
    return item;
  }
  const spotify::Track* best = nullptr;
  double best_score = 0.0;
  for (const auto& track : found->items) {
    const double score = match_score(line, track);
    if (score > best_score) {
      best = &track;
      best_score = score;
    }
  }
  if (best == nullptr || best_score < k_match_threshold) {
    item.unmatched = true;
    item.reason = fmt::format("no Spotify match scored {:.2f} (best {:.2f}); requested as given",
                              k_match_threshold, best_score);
    return item;
  }
  auto enriched = request_from(*best, nullptr);
  item.request.isrc = line.isrc.empty() ? enriched.isrc : line.isrc;
  item.request.album = line.album.empty() ? enriched.album : line.album;
  item.request.year = enriched.year;
  item.request.track_number = enriched.track_number;
  item.request.duration_ms = enriched.duration_ms ? enriched.duration_ms : line.duration_ms;
  item.match = match_of(item.request, best->id, best_score, k_match_threshold);
  ++report.matched;
  return item;
}

Result<std::vector<ImportItem>> ImportResolver::resolve(const ParsedImport& parsed,
                                                        ResolveReport& report) {
  m_albums.clear();
  m_spotify_off = false;
  std::vector<ImportItem> items;
  for (const auto& line : parsed.lines) {
    switch (line.kind) {
      case LineKind::invalid: {
        ImportItem item = item_for(line);
        item.outcome = "invalid";
        item.reason = line.reason;
        items.push_back(std::move(item));
        break;
      }
      case LineKind::spotify_track:
        spotify_track(line, items, report);
        break;
      case LineKind::spotify_album:
        spotify_album(line, items, report);
        break;
      case LineKind::spotify_playlist:
        spotify_playlist(line, items, report);
        break;
      case LineKind::track:
        items.push_back(plain_track(line, report));
        break;
    }
  }
  // The same recording twice: by ISRC, or by normalised artist and title.
  std::map<std::string, std::size_t> first_line;
  for (auto& item : items) {
    if (!item.outcome.empty()) {
      continue;
    }
    const std::string isrc = library::normalise_isrc(item.request.isrc);
    const std::string key = library::match_key(item.request.artist, item.request.title);
    auto seen = first_line.find(key);
    if (seen == first_line.end() && !isrc.empty()) {
      seen = first_line.find("isrc:" + isrc);
    }
    if (seen != first_line.end()) {
      item.outcome = "duplicate";
      item.reason = fmt::format("line {} asks for the same recording", seen->second);
      continue;
    }
    first_line.emplace(key, item.line);
    if (!isrc.empty()) {
      first_line.emplace("isrc:" + isrc, item.line);
    }
    auto owned = m_library.find(library::identity_of(item.request));
    if (!owned) {
      return std::move(owned).error();
    }
    if (*owned) {
      item.outcome = "in_library";
      item.reason = "already in the library: " + (*owned)->path;
    }
  }
  return items;
}

}  // namespace harmony::harmonyd::imports
