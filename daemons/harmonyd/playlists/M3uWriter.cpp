#include "playlists/M3uWriter.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "files/AtomicFileMover.hpp"
#include "files/PathSegment.hpp"

namespace harmony::harmonyd::playlists {
namespace {

namespace fs = std::filesystem;

Error fs_error(std::string_view call, const fs::path& path, int code) {
  Error error = make_error(ErrorKind::filesystem,
                           fmt::format("{} {}: {}", call, path.string(), std::strerror(code)));
  error.native_code = code;
  return error;
}

// One line of an M3U8 must stay one line, whatever Spotify calls a track.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return text;
}

}  // namespace

std::string render_m3u8(const std::vector<PlaylistEntry>& entries, const fs::path& music_dir,
                        const fs::path& playlists_dir) {
  std::string text = "#EXTM3U\n";
  for (const PlaylistEntry& entry : entries) {
    if (!entry.present) {
      continue;
    }
    fs::path file;
    if (!entry.library_path.empty()) {
      file = music_dir / entry.library_path;
    } else if (entry.job_state == "done" && !entry.final_path.empty()) {
      file = entry.final_path;
    } else {
      continue;
    }
    const auto seconds = (entry.request.duration_ms.value_or(0) + 500) / 1000;
    text += fmt::format("#EXTINF:{},{} - {}\n", seconds > 0 ? seconds : -1,
                        one_line(entry.request.artist), one_line(entry.request.title));
    text += one_line(file.lexically_normal().lexically_relative(playlists_dir).generic_string());
    text += '\n';
  }
  return text;
}

fs::path m3u8_path(const fs::path& music_dir, const std::string& name) {
  return music_dir / "Playlists" / (files::sanitise_segment(name, 170, "Playlist") + ".m3u8");
}

Result<void> write_m3u8(const fs::path& path, const std::string& text) {
  if (auto made = files::create_directories_durably(path.parent_path()); !made) {
    return made;
  }
  const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    return fs_error("open", temp, errno);
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int code = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return fs_error("write", temp, code);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int code = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return fs_error("fsync", temp, code);
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int code = errno;
    ::unlink(temp.c_str());
    return fs_error("rename", path, code);
  }
  return files::fsync_directory(path.parent_path());
}

}  // namespace harmony::harmonyd::playlists
