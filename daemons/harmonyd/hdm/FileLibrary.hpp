#pragma once

#include <chrono>
#include <filesystem>

#include "files/AtomicFileMover.hpp"
#include "hdm/Library.hpp"
#include "hdm/MoveTemplate.hpp"

namespace harmony::harmonyd::hdm {

struct LibraryOptions {
  std::filesystem::path downloads_dir;  // DOWNLOADS_DIR, shared with slskd
  std::filesystem::path music_dir;      // MUSIC_DIR
  MoveTemplate move_template;
  // A file whose length differs from the request by more than this (or 3 %) is the wrong one.
  std::chrono::milliseconds duration_tolerance{5000};
};

// The real Library: slskd's download folder layout, TagLib verification and tags, the move
// template, and the AtomicFileMover. Thread-compatible (one engine step at a time).
class FileLibrary final : public Library {
 public:
  explicit FileLibrary(LibraryOptions options);

  Result<std::string> locate(const slskd::SearchFile& file) override;
  Result<void> verify(const std::string& path, std::int64_t expected_size,
                      const TrackRequest& request) override;
  Result<void> tag(const std::string& path, const TrackRequest& request) override;
  Result<std::string> plan(const TrackRequest& request, const std::string& extension) override;
  Result<std::string> file(const std::string& source, const std::string& planned) override;

 private:
  LibraryOptions m_options;
  files::AtomicFileMover m_mover;
};

// True when `path`, with symlinks resolved as far as it exists, lies inside `root`.
bool is_inside(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace harmony::harmonyd::hdm
