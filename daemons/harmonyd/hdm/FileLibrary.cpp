#include "hdm/FileLibrary.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "audio/AudioFile.hpp"
#include "hdm/RemotePath.hpp"

namespace harmony::harmonyd::hdm {
namespace {

namespace fs = std::filesystem;

constexpr int k_max_suffix = 999;

// A remote name part slskd would use as a local file or folder name, accepted only if it is
// harmless as one: no traversal, no separators, no control characters, not too long.
bool safe_segment(std::string_view segment) {
  if (segment.empty() || segment == "." || segment == ".." || segment.size() > 255) {
    return false;
  }
  return std::none_of(segment.begin(), segment.end(), [](char c) {
    return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

bool same_content(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::file_size(a, ec) != fs::file_size(b, ec) || ec) {
    return false;
  }
  std::ifstream fa(a, std::ios::binary);
  std::ifstream fb(b, std::ios::binary);
  std::array<char, 65536> ba{};
  std::array<char, 65536> bb{};
  while (fa && fb) {
    fa.read(ba.data(), ba.size());
    fb.read(bb.data(), bb.size());
    if (fa.gcount() != fb.gcount() ||
        !std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) {
      return false;
    }
  }
  return fa.eof() && fb.eof();
}

}  // namespace

bool is_inside(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  if (ec) {
    return false;
  }
  const fs::path full = fs::weakly_canonical(path, ec);
  if (ec) {
    return false;
  }
  const auto rel = full.lexically_relative(base);
  return !rel.empty() && *rel.begin() != ".." && rel.is_relative() && rel != ".";
}

FileLibrary::FileLibrary(LibraryOptions options) : m_options(std::move(options)) {}

Result<std::string> FileLibrary::locate(const slskd::SearchFile& file) {
  const RemotePath remote = split_remote_path(file.filename);
  const auto parent_sep = remote.directory.find_last_of("\\/");
  const std::string_view parent = parent_sep == std::string_view::npos
                                      ? remote.directory
                                      : remote.directory.substr(parent_sep + 1);
  if (!safe_segment(remote.basename) || (!parent.empty() && !safe_segment(parent))) {
    return make_error(
        ErrorKind::invalid,
        fmt::format("remote file name '{}' is unsafe as a local path; candidate skipped",
                    file.filename.substr(0, 200)));
  }
  fs::path path = m_options.downloads_dir;
  if (!parent.empty()) {
    path /= std::string(parent);
  }
  path /= std::string(remote.basename);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    return make_error(ErrorKind::not_found,
                      fmt::format("the download '{}' is not in DOWNLOADS_DIR ({}); check that "
                                  "slskd and harmonyd share that folder at the same path",
                                  path.string(), m_options.downloads_dir.string()));
  }
  if (!S_ISREG(st.st_mode) || !is_inside(m_options.downloads_dir, path)) {
    return make_error(
        ErrorKind::invalid,
        fmt::format("'{}' is not a regular file inside DOWNLOADS_DIR; skipped", path.string()));
  }
  return path.string();
}

Result<void> FileLibrary::verify(const std::string& path, std::int64_t expected_size,
                                 const TrackRequest& request) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || static_cast<std::int64_t>(size) != expected_size) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' has {} bytes but the peer announced {}; skipped", path,
                                  ec ? 0 : size, expected_size));
  }
  auto info = audio::read_audio_info(path);
  if (!info) {
    return std::move(info).error();
  }
  if (request.duration_ms) {
    const auto wanted = *request.duration_ms;
    const auto delta = std::llabs(info->duration.count() - wanted);
    const auto allowed =
        std::max<std::int64_t>(m_options.duration_tolerance.count(), wanted * 3 / 100);
    if (delta > allowed) {
      return make_error(ErrorKind::invalid,
                        fmt::format("'{}' lasts {} ms but {} ms were requested (tolerance {} ms); "
                                    "probably another version",
                                    path, info->duration.count(), wanted, allowed));
    }
  }
  return {};
}

Result<void> FileLibrary::tag(const std::string& path, const TrackRequest& request) {
  return audio::write_tags(path, audio::Tags{request.artist, request.title, request.album,
                                             request.year, request.track_number, request.isrc});
}

Result<std::string> FileLibrary::plan(const TrackRequest& request, const std::string& extension) {
  const fs::path rendered =
      m_options.music_dir / m_options.move_template.render(request, extension);
  // The plan is a name that is free now, recorded before the move and then used exactly: a
  // file found there after a crash is this job's, never one that was already in the library.
  fs::path planned = rendered;
  std::error_code ec;
  for (int n = 1; fs::exists(fs::symlink_status(planned, ec)) && n <= k_max_suffix; ++n) {
    planned = files::AtomicFileMover::suffixed(rendered, n);
  }
  if (!is_inside(m_options.music_dir, planned)) {
    return make_error(ErrorKind::internal,
                      fmt::format("the move template produced '{}', outside MUSIC_DIR; refused",
                                  planned.string()));
  }
  return planned.string();
}

Result<std::string> FileLibrary::file(const std::string& source, const std::string& planned) {
  std::error_code ec;
  const bool have_source = fs::exists(source, ec);
  const bool have_target = fs::exists(planned, ec);
  // Resuming after a crash: the move may already have happened, fully or up to the unlink.
  if (!have_source && have_target) {
    return planned;
  }
  if (have_source && have_target && same_content(source, planned)) {
    fs::remove(source, ec);
    return planned;
  }
  auto moved = m_mover.move_exact(source, planned);
  if (!moved) {
    return std::move(moved).error();
  }
  return moved->final_path.string();
}

}  // namespace harmony::harmonyd::hdm
