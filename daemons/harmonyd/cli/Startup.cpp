#include "cli/Startup.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "config/ConfigFile.hpp"
#include "health/Readiness.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd::cli {
namespace fs = std::filesystem;

namespace {

Result<void> create_directory(const std::string& path, const std::string& key) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    return {};
  }
  fs::create_directories(path, ec);
  if (ec) {
    return make_error(ErrorKind::filesystem,
                      fmt::format("cannot create {} ({}): {}; create it or point {} elsewhere",
                                  path, key, ec.message(), key));
  }
  log::info(fmt::format("created directory {} ({})", path, key), {{"PATH", path}});
  return {};
}

}  // namespace

Result<void> prepare_config(const config::LoadOptions& options) {
  if (!options.config_file.empty()) {
    return {};
  }
  auto profile = config::profile_from_environment();
  if (!profile) {
    return std::move(profile).error();
  }
  const std::string dir = *config::config_dir_from_environment(*profile);
  if (auto created = create_directory(dir, "CONFIG_DIR"); !created) {
    return created;
  }
  const std::string file = dir + "/harmony.yml";
  auto written = config::ensure_config_file(file, *profile);
  if (!written) {
    return std::move(written).error();
  }
  if (*written) {
    log::notice(
        fmt::format(
            "wrote the default configuration to {}; edit it and send SIGHUP (or restart) to apply",
            file),
        {{"PATH", file}});
  }
  return {};
}

Result<void> prepare_directories(const config::Settings& settings) {
  for (const auto& [path, key] : {std::pair{settings.downloads_dir, "DOWNLOADS_DIR"},
                                  std::pair{settings.music_dir, "MUSIC_DIR"}}) {
    if (auto created = create_directory(path, key); !created) {
      return created;
    }
  }
  const health::CheckResult paths = health::check_paths(settings);
  if (paths.failed()) {
    return make_error(paths.kind, paths.problem);
  }
  for (const auto& [name, detail] : paths.detail.items()) {
    const std::string path = detail.at("path").get<std::string>();
    log::info(fmt::format("{} directory {} is writable", name, path), {{"PATH", path}});
  }
  return {};
}

}  // namespace harmony::harmonyd::cli
