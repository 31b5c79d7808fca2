#pragma once

#include <functional>

#include <set>
#include <string>
#include <vector>

#include "hdm/Library.hpp"
#include "hdm/RemotePath.hpp"

namespace harmony::fakes {

// A Library without files: locate() answers "/downloads/<basename>", verify() fails for
// names listed in `not_audio`, file() returns the planned path (or fails while `file_fails`).
class FakeLibrary final : public harmonyd::hdm::Library {
 public:
  std::set<std::string> not_audio;  // basenames
  bool file_fails = false;
  std::function<void()> while_filing;
  std::vector<std::string> filed;
  std::vector<std::string> tagged;

  Result<std::string> locate(const harmonyd::slskd::SearchFile& file) override {
    return "/downloads/" + std::string(harmonyd::hdm::split_remote_path(file.filename).basename);
  }
  Result<void> verify(const std::string& path, std::int64_t,
                      const harmonyd::hdm::TrackRequest&) override {
    if (not_audio.contains(path.substr(path.rfind('/') + 1))) {
      return make_error(ErrorKind::invalid, "'" + path + "' is not a readable audio file");
    }
    return {};
  }
  Result<void> tag(const std::string& path, const harmonyd::hdm::TrackRequest&) override {
    tagged.push_back(path);
    return {};
  }
  Result<std::string> plan(const harmonyd::hdm::TrackRequest& request,
                           const std::string& ext) override {
    return "/music/" + request.artist + "/" + request.title + "." + ext;
  }
  Result<std::string> file(const std::string& source, const std::string& planned) override {
    if (while_filing) {
      while_filing();  // a test holds the move here, as a long cross-device copy would
    }
    if (file_fails) {
      return make_error(ErrorKind::filesystem, "disk full moving " + source);
    }
    filed.push_back(planned);
    return planned;
  }
};

}  // namespace harmony::fakes
