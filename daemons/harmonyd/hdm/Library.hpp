#pragma once

#include <string>

#include "core/Result.hpp"
#include "hdm/TrackRequest.hpp"
#include "integrations/slskd/Types.hpp"

namespace harmony::harmonyd::hdm {

// The file side of a download: finding it in DOWNLOADS_DIR, checking it, tagging it and filing
// it into MUSIC_DIR. A port so the engine is unit-tested without files.
class Library {
 public:
  virtual ~Library() = default;

  // The completed download of `file` inside DOWNLOADS_DIR (slskd's layout), refusing any
  // remote name that would point outside it. ErrorKind::invalid for hostile names,
  // not_found when the file is not there.
  virtual Result<std::string> locate(const slskd::SearchFile& file) = 0;
  // Real audio, of the announced size, with a duration close to the requested one.
  virtual Result<void> verify(const std::string& path, std::int64_t expected_size,
                              const TrackRequest& request) = 0;
  virtual Result<void> tag(const std::string& path, const TrackRequest& request) = 0;
  // The library path for the request (MOVE_TEMPLATE under MUSIC_DIR), every segment sanitised;
  // a " (n)" suffix is added when that name is taken, so the plan is free when it is made.
  virtual Result<std::string> plan(const TrackRequest& request, const std::string& extension) = 0;
  // Moves `source` to exactly `planned` atomically (never replacing, never another name). Safe
  // to call again after a crash at any point: a file already moved is recognised, never
  // duplicated, and a file that was there before is never claimed.
  virtual Result<std::string> file(const std::string& source, const std::string& planned) = 0;
};

}  // namespace harmony::harmonyd::hdm
