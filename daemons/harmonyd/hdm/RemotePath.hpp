#pragma once

#include <string>
#include <string_view>

namespace harmony::harmonyd::hdm {

// A remote filename split at its last separator. slskd uses backslashes
// ("@@share\Artist\Album\01 - Title.flac"); forward slashes are accepted as well.
struct RemotePath {
  std::string_view directory;  // everything before the last separator (may be empty)
  std::string_view basename;   // "01 - Title.flac"
  std::string_view stem;       // "01 - Title"
  std::string extension;       // "flac", lower-case ASCII; empty when there is none
};

// Views point into `filename`, which must outlive the result.
RemotePath split_remote_path(std::string_view filename);

}  // namespace harmony::harmonyd::hdm
