#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "core/Result.hpp"

namespace harmony::audio {

// What the file's own headers say (TagLib), as opposed to what a peer claimed.
struct AudioInfo {
  std::chrono::milliseconds duration{0};
  int bitrate_kbps = 0;
  int sample_rate = 0;
  int channels = 0;
};

struct Tags {
  std::string artist;
  std::string title;
  std::string album;
  std::optional<int> year;
  std::optional<int> track;
  std::string isrc;  // empty: left out
};

// Reads the audio properties. A file TagLib cannot parse as audio, or one without a positive
// duration, is ErrorKind::invalid naming the path ("not a readable audio file"). The format is
// chosen by the file's extension, as TagLib does.
Result<AudioInfo> read_audio_info(const std::filesystem::path& path);

// Writes artist, title, album, year, track and ISRC into the file's native tag (Vorbis comment
// for FLAC/Ogg, ID3v2 for MP3, MP4 atoms, ...); fields left empty are not touched.
Result<void> write_tags(const std::filesystem::path& path, const Tags& tags);

// Reads the same fields back (for tests and for showing what was written).
Result<Tags> read_tags(const std::filesystem::path& path);

// Tags and audio properties from a single parse, for indexing a library: durations are read
// with TagLib's "average" accuracy (headers, not a scan of every MP3 frame).
struct TrackSummary {
  Tags tags;
  AudioInfo info;
};
Result<TrackSummary> read_summary(const std::filesystem::path& path);

}  // namespace harmony::audio
