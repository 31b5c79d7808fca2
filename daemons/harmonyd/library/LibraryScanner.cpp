#include "library/LibraryScanner.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "library/MatchKey.hpp"

namespace harmony::harmonyd::library {
namespace fs = std::filesystem;
namespace {

// Tags are untrusted (they come from peers' files): bound what the index keeps.
constexpr std::size_t k_max_field_bytes = 1024;
// Deeper than any real library; stops a pathological tree from exhausting the scan.
constexpr std::size_t k_max_depth = 32;

std::string bounded(std::string text) {
  if (text.size() <= k_max_field_bytes) {
    return text;
  }
  std::size_t cut = k_max_field_bytes;
  // Never cut a UTF-8 sequence in half: back up to the start of the character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
    --cut;
  }
  text.resize(cut);
  return text;
}

bool ignored_name(const std::string& name) {
  return name.empty() || name.front() == '.' || name.ends_with(".partial");
}

std::int64_t mtime_ns(fs::file_time_type time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

bool under(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

}  // namespace

bool is_audio_extension(std::string_view extension) {
  static constexpr std::array<std::string_view, 14> k_extensions = {
      "flac", "mp3", "ogg",  "oga", "opus", "m4a", "mp4",
      "wav",  "aif", "aiff", "wv",  "ape",  "wma", "mpc"};
  if (extension.size() > 4) {
    return false;
  }
  std::string lower;
  for (const char c : extension) {
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (const std::string_view known : k_extensions) {
    if (lower == known) {
      return true;
    }
  }
  return false;
}

LibraryScanner::LibraryScanner(fs::path music_dir, TrackStore& store, TagReader reader,
                               std::size_t batch_size)
    : m_music_dir(std::move(music_dir)),
      m_store(store),
      m_reader(std::move(reader)),
      m_batch_size(batch_size == 0 ? 1 : batch_size) {}

LibraryTrack LibraryScanner::read(const std::string& relative, const FileStamp& stamp) const {
  LibraryTrack track;
  track.path = relative;
  track.stamp = stamp;
  auto summary = m_reader(m_music_dir / relative);
  if (!summary) {
    track.error = "not a readable audio file";
    return track;
  }
  track.artist = bounded(std::move(summary->tags.artist));
  track.title = bounded(std::move(summary->tags.title));
  track.album = bounded(std::move(summary->tags.album));
  track.isrc = normalise_isrc(summary->tags.isrc);
  track.duration = summary->info.duration;
  return track;
}

Result<ScanReport> LibraryScanner::scan(const std::atomic<bool>& stopping) {
  const auto started = std::chrono::steady_clock::now();
  auto known = m_store.stamps();
  if (!known) {
    return std::move(known).error();
  }
  std::error_code ec;
  if (!fs::is_directory(m_music_dir, ec)) {
    return make_error(ErrorKind::filesystem,
                      fmt::format("MUSIC_DIR '{}' cannot be listed ({}); the library index is "
                                  "kept as it is until it can",
                                  m_music_dir.string(), ec ? ec.message() : "not a folder"));
  }
  ScanReport report;
  IndexChanges batch;
  const auto flush = [&]() -> Result<void> {
    if (batch.upserts.empty() && batch.removals.empty()) {
      return {};
    }
    auto applied = m_store.apply(batch);
    batch = {};
    return applied;
  };

  std::vector<std::string> unlisted;  // relative folders whose entries are kept
  std::vector<std::pair<std::string, std::size_t>> folders = {{std::string(), 0}};
  while (!folders.empty() && !stopping.load()) {
    auto [folder, depth] = std::move(folders.back());
    folders.pop_back();
    fs::directory_iterator it(m_music_dir / folder, ec);
    if (ec) {
      ++report.skipped_dirs;
      unlisted.push_back(folder);
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (stopping.load()) {
        break;
      }
      const std::string name = it->path().filename().string();
      if (ignored_name(name)) {
        continue;
      }
      std::string relative = folder;
      if (!relative.empty()) {
        relative += '/';
      }
      relative += name;
      const fs::file_status status = it->symlink_status(ec);
      if (ec) {
        continue;
      }
      if (fs::is_directory(status)) {
        if (depth + 1 < k_max_depth) {
          folders.emplace_back(relative, depth + 1);
        }
        continue;
      }
      const std::string extension = it->path().extension().string();
      if (!fs::is_regular_file(status) || extension.size() < 2 ||
          !is_audio_extension(std::string_view(extension).substr(1))) {
        continue;
      }
      const auto size = it->file_size(ec);
      const auto modified = ec ? fs::file_time_type{} : it->last_write_time(ec);
      if (ec) {
        continue;  // vanished between listing and stat: the next scan sees it, or not
      }
      ++report.scanned;
      const FileStamp stamp{static_cast<std::int64_t>(size), mtime_ns(modified)};
      if (const auto seen = known->find(relative); seen != known->end()) {
        const bool unchanged = seen->second == stamp;
        known->erase(seen);
        if (unchanged) {
          continue;
        }
        ++report.updated;
      } else {
        ++report.added;
      }
      batch.upserts.push_back(read(relative, stamp));
      if (!batch.upserts.back().error.empty()) {
        ++report.unreadable;
      }
      if (batch.upserts.size() >= m_batch_size) {
        if (auto flushed = flush(); !flushed) {
          return std::move(flushed).error();
        }
      }
    }
    if (ec) {
      // Listing stopped part-way: keep what was not reached.
      ++report.skipped_dirs;
      unlisted.push_back(folder);
    }
  }
  if (stopping.load()) {
    // What was not reached is unknown, not gone: keep every entry until a whole scan ran.
    if (auto flushed = flush(); !flushed) {
      return std::move(flushed).error();
    }
    report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    return report;
  }
  for (const auto& entry : *known) {
    const std::string& path = entry.first;
    const bool kept = std::any_of(unlisted.begin(), unlisted.end(), [&](const std::string& f) {
      return f.empty() || under(path, f);
    });
    if (kept) {
      continue;
    }
    batch.removals.push_back(path);
    ++report.removed;
    if (batch.removals.size() >= m_batch_size) {
      if (auto flushed = flush(); !flushed) {
        return std::move(flushed).error();
      }
    }
  }
  if (auto flushed = flush(); !flushed) {
    return std::move(flushed).error();
  }
  report.complete = true;
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return report;
}

Result<void> LibraryScanner::index_file(const fs::path& path) {
  const fs::path relative = path.lexically_normal().lexically_relative(m_music_dir);
  if (relative.empty() || *relative.begin() == "..") {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' is not inside MUSIC_DIR '{}'; it is not indexed",
                                  path.string(), m_music_dir.string()));
  }
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  const auto size = ec || !fs::is_regular_file(status) ? 0 : fs::file_size(path, ec);
  const auto modified = ec ? fs::file_time_type{} : fs::last_write_time(path, ec);
  if (ec || !fs::is_regular_file(status)) {
    return make_error(ErrorKind::filesystem, fmt::format("cannot index '{}': {}", path.string(),
                                                         ec ? ec.message() : "not a regular file"));
  }
  IndexChanges changes;
  changes.upserts.push_back(
      read(relative.string(), {static_cast<std::int64_t>(size), mtime_ns(modified)}));
  return m_store.apply(changes);
}

}  // namespace harmony::harmonyd::library
