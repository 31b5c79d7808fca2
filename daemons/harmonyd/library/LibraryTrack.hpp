#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace harmony::harmonyd::library {

// What tells a file changed without reading it again: size and modification time.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// One file of MUSIC_DIR as the index knows it. `path` is relative to MUSIC_DIR, so the index
// stays valid when the library is mounted elsewhere (container and host).
struct LibraryTrack {
  std::string path;
  FileStamp stamp;
  std::string artist;
  std::string title;
  std::string album;
  std::string isrc;  // normalised (normalise_isrc), empty when the file has none
  std::chrono::milliseconds duration{0};
  // Not empty for a file with an audio extension that TagLib could not read: kept so it is not
  // read again until it changes, and never matched.
  std::string error;
};

// What a caller knows about a track it is about to request.
struct TrackIdentity {
  std::string artist;
  std::string title;
  std::string isrc;
  std::optional<std::chrono::milliseconds> duration;
};

}  // namespace harmony::harmonyd::library
