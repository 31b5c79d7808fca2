#include "hdm/RemotePath.hpp"

namespace harmony::harmonyd::hdm {

RemotePath split_remote_path(std::string_view filename) {
  RemotePath path;
  const auto sep = filename.find_last_of("\\/");
  if (sep == std::string_view::npos) {
    path.basename = filename;
  } else {
    path.directory = filename.substr(0, sep);
    path.basename = filename.substr(sep + 1);
  }
  const auto dot = path.basename.rfind('.');
  // A leading dot (".hidden") is a name, not an extension; extensions longer than 8 are not ours.
  if (dot == std::string_view::npos || dot == 0 || path.basename.size() - dot - 1 > 8) {
    path.stem = path.basename;
    return path;
  }
  path.stem = path.basename.substr(0, dot);
  for (const char c : path.basename.substr(dot + 1)) {
    path.extension.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return path;
}

}  // namespace harmony::harmonyd::hdm
