#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "playlists/Playlist.hpp"

namespace harmony::harmonyd::playlists {

// The M3U8 text of a playlist: `#EXTM3U`, then for every present item that is filed (a done
// download's final path, or the library file it matched) `#EXTINF:<seconds>,Artist - Title`
// and its path relative to `playlists_dir`; items not filed yet are left out. `music_dir`
// resolves library paths (relative to it).
std::string render_m3u8(const std::vector<PlaylistEntry>& entries,
                        const std::filesystem::path& music_dir,
                        const std::filesystem::path& playlists_dir);

// `<MUSIC_DIR>/Playlists/<name>.m3u8`, the name made a safe file name by the library's
// sanitiser (a playlist called "../x" stays inside Playlists).
std::filesystem::path m3u8_path(const std::filesystem::path& music_dir, const std::string& name);

// Replaces `path` atomically with `text`: a temp file beside it, fsync, rename, fsync of the
// directory, so a reader (Navidrome, MPD) sees the old or the new list, never half of one.
Result<void> write_m3u8(const std::filesystem::path& path, const std::string& text);

}  // namespace harmony::harmonyd::playlists
