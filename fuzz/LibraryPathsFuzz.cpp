// Peers choose their file names and the request's tags: whatever they are, the move template,
// the path sanitiser and the remote-path splitter must keep every file inside MUSIC_DIR. The
// input is NUL-separated: template, artist, title, album, remote file name.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "files/PathSegment.hpp"
#include "hdm/MoveTemplate.hpp"
#include "hdm/RemotePath.hpp"
#include "textmatch/Utf8.hpp"

namespace hdm = harmony::harmonyd::hdm;

namespace {

void require(bool invariant) {
  if (!invariant) {
    __builtin_trap();
  }
}

bool valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = harmony::textmatch::utf8_sequence_length(text, at);
    if (length == 0) {
      return false;
    }
    at += length;
  }
  return true;
}

// A relative path with no "..", "." or empty segment: it stays below the folder it is joined to.
bool stays_inside(const std::string& relative) {
  if (relative.empty() || relative.front() == '/') {
    return false;
  }
  for (const auto& part : std::filesystem::path(relative)) {
    if (part == ".." || part == "." || part.empty()) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> fields(5);
  std::size_t field = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0 && field + 1 < fields.size()) {
      ++field;
    } else {
      fields[field].push_back(static_cast<char>(data[i]));
    }
  }
  const std::string segment = harmony::files::sanitise_segment(fields[1]);
  require(!segment.empty() && segment != "." && segment != ".." &&
          segment.find('/') == std::string::npos && valid_utf8(segment));

  const hdm::RemotePath remote = hdm::split_remote_path(fields[4]);
  require(remote.basename.find_first_of("\\/") == std::string_view::npos);
  require(remote.extension.size() <= fields[4].size());

  const auto move_template = hdm::MoveTemplate::parse(fields[0]);
  if (move_template) {
    hdm::TrackRequest request;
    request.artist = fields[1];
    request.title = fields[2];
    request.album = fields[3];
    request.year = static_cast<int>(size % 3000);
    request.track_number = static_cast<int>(size % 1000);
    const std::string rendered = move_template->render(request, remote.extension);
    require(stays_inside(rendered));
  }
  return 0;
}
