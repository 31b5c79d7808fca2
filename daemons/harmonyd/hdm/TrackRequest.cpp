#include "hdm/TrackRequest.hpp"

#include <cctype>

#include "textmatch/Normalise.hpp"

namespace harmony::harmonyd::hdm {

std::string dedupe_key(const TrackRequest& request) {
  std::string isrc;
  for (const char c : request.isrc) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      isrc.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  if (!isrc.empty()) {
    return "isrc:" + isrc;
  }
  return "track:" + textmatch::normalise(request.artist) + "|" +
         textmatch::normalise(request.title) + "|" + textmatch::normalise(request.album);
}

}  // namespace harmony::harmonyd::hdm
