#include "audio/AudioFile.hpp"

#include <taglib/fileref.h>
#include <taglib/tpropertymap.h>

#include <fmt/format.h>

namespace harmony::audio {
namespace {

Error unreadable(const std::filesystem::path& path, std::string_view why) {
  return make_error(ErrorKind::invalid,
                    fmt::format("'{}' is not a readable audio file ({}); the download is skipped",
                                path.string(), why));
}

TagLib::String utf8(const std::string& text) {
  return TagLib::String(text, TagLib::String::UTF8);
}

std::string first_value(const TagLib::PropertyMap& map, const char* key) {
  const auto it = map.find(key);
  if (it == map.end() || it->second.isEmpty()) {
    return {};
  }
  return it->second.front().to8Bit(true);
}

std::optional<int> leading_int(const std::string& text) {
  int value = 0;
  std::size_t digits = 0;
  while (digits < text.size() && digits < 9 && text[digits] >= '0' && text[digits] <= '9') {
    value = value * 10 + (text[digits] - '0');
    ++digits;
  }
  return digits == 0 ? std::nullopt : std::optional<int>(value);
}

Result<AudioInfo> info_of(const TagLib::FileRef& file, const std::filesystem::path& path) {
  if (file.isNull() || !file.file()->isValid()) {
    return unreadable(path, "unknown or damaged format");
  }
  const auto* props = file.audioProperties();
  if (props == nullptr) {
    return unreadable(path, "no audio properties");
  }
  AudioInfo info;
  info.duration = std::chrono::milliseconds(props->lengthInMilliseconds());
  info.bitrate_kbps = props->bitrate();
  info.sample_rate = props->sampleRate();
  info.channels = props->channels();
  if (info.duration.count() <= 0 || info.sample_rate <= 0) {
    return unreadable(path, "no audio frames");
  }
  return info;
}

Tags tags_of(const TagLib::FileRef& file) {
  const TagLib::PropertyMap map = file.file()->properties();
  Tags tags;
  tags.artist = first_value(map, "ARTIST");
  tags.title = first_value(map, "TITLE");
  tags.album = first_value(map, "ALBUM");
  tags.year = leading_int(first_value(map, "DATE"));
  tags.track = leading_int(first_value(map, "TRACKNUMBER"));
  tags.isrc = first_value(map, "ISRC");
  return tags;
}

}  // namespace

Result<AudioInfo> read_audio_info(const std::filesystem::path& path) {
  const TagLib::FileRef file(path.c_str(), true, TagLib::AudioProperties::Accurate);
  return info_of(file, path);
}

Result<void> write_tags(const std::filesystem::path& path, const Tags& tags) {
  TagLib::FileRef file(path.c_str(), false);
  if (file.isNull() || !file.file()->isValid()) {
    return unreadable(path, "cannot open it to write tags");
  }
  TagLib::PropertyMap map = file.file()->properties();
  const auto set = [&map](const char* key, const std::string& value) {
    if (!value.empty()) {
      map.replace(key, TagLib::StringList(utf8(value)));
    }
  };
  set("ARTIST", tags.artist);
  set("TITLE", tags.title);
  set("ALBUM", tags.album);
  set("DATE", tags.year ? std::to_string(*tags.year) : "");
  set("TRACKNUMBER", tags.track ? std::to_string(*tags.track) : "");
  set("ISRC", tags.isrc);
  file.file()->setProperties(map);
  if (!file.save()) {
    return make_error(ErrorKind::filesystem,
                      fmt::format("writing tags into '{}' failed; check that the file is writable",
                                  path.string()));
  }
  return {};
}

Result<Tags> read_tags(const std::filesystem::path& path) {
  TagLib::FileRef file(path.c_str(), false);
  if (file.isNull() || !file.file()->isValid()) {
    return unreadable(path, "cannot open it to read tags");
  }
  return tags_of(file);
}

Result<TrackSummary> read_summary(const std::filesystem::path& path) {
  const TagLib::FileRef file(path.c_str(), true, TagLib::AudioProperties::Average);
  auto info = info_of(file, path);
  if (!info) {
    return std::move(info).error();
  }
  return TrackSummary{tags_of(file), *info};
}

}  // namespace harmony::audio
