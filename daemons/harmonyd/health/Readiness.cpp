#include "health/Readiness.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

namespace harmony::harmonyd::health {
namespace fs = std::filesystem;

std::string_view to_string(CheckStatus status) noexcept {
  switch (status) {
    case CheckStatus::ok:
      return "ok";
    case CheckStatus::fail:
      return "fail";
    case CheckStatus::not_configured:
      return "not_configured";
  }
  return "fail";
}

namespace {

constexpr std::string_view k_probe_prefix = ".harmony-probe-";

// Writes and fsyncs an unnamed file (O_TMPFILE) so no name ever appears in the user's folder,
// even when harmonyd is killed mid-probe; "" on success, else the reason. Filesystems without
// O_TMPFILE get a named probe that is removed at once (and by remove_stale_probes at start).
std::string probe_write(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  std::string probe;
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    thread_local std::mt19937 engine{std::random_device{}()};
    probe = fmt::format("{}/{}{}-{:08x}", dir, k_probe_prefix, ::getpid(), engine());
    fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  }
  if (fd < 0) {
    return std::strerror(errno);
  }
  std::string reason;
  if (::write(fd, "ok\n", 3) != 3 || ::fsync(fd) != 0) {
    reason = std::strerror(errno);
  }
  ::close(fd);
  if (!probe.empty() && ::unlink(probe.c_str()) != 0 && reason.empty()) {
    reason = std::strerror(errno);
  }
  return reason;
}

}  // namespace

CheckResult check_paths(const config::Settings& settings) {
  CheckResult result{"paths"};
  for (const auto& [name, key, path] :
       {std::tuple{"config", "CONFIG_DIR", settings.config_dir},
        std::tuple{"downloads", "DOWNLOADS_DIR", settings.downloads_dir},
        std::tuple{"music", "MUSIC_DIR", settings.music_dir}}) {
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    const bool is_dir = exists && fs::is_directory(path, ec);
    const std::string reason = is_dir ? probe_write(path) : std::string("not a directory");
    const bool writable = is_dir && reason.empty();
    result.detail[name] = {
        {"path", path}, {"exists", exists}, {"is_dir", is_dir}, {"writable", writable}};
    if (!writable && result.status == CheckStatus::ok) {
      result.status = CheckStatus::fail;
      result.kind = ErrorKind::filesystem;
      result.problem =
          !exists
              ? fmt::format("{} directory {} ({}) does not exist; create it or point {} elsewhere",
                            name, path, key, key)
          : !is_dir ? fmt::format("{} path {} ({}) is not a directory; point {} at a directory",
                                  name, path, key, key)
                    : fmt::format(
                          "{} directory {} ({}) is not writable ({}); fix its owner/permissions or "
                          "mount it read-write",
                          name, path, key, reason);
    }
  }
  return result;
}

std::size_t remove_stale_probes(const std::vector<std::string>& dirs) noexcept {
  std::size_t removed = 0;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with(k_probe_prefix) && it->is_regular_file(ec) &&
          ::unlink(it->path().c_str()) == 0) {
        ++removed;
      }
    }
  }
  return removed;
}

CheckResult check_config(const config::Settings& settings) {
  CheckResult result{"config"};
  std::error_code ec;
  result.detail = {{"profile", config::to_string(settings.profile)},
                   {"config_file", settings.config_file},
                   {"config_file_exists", fs::exists(settings.config_file, ec)},
                   {"env_file_exists", fs::exists(settings.env_file, ec)},
                   {"auth", settings.auth_enabled() ? "api_key" : "open"},
                   {"warnings", settings.warnings}};
  return result;
}

CheckResult check_database(const store::DatabaseHealth& health) {
  CheckResult result{"database"};
  result.detail = {{"path", health.path},
                   {"exists", health.exists},
                   {"writable", health.writable},
                   {"wal", health.wal},
                   {"quick_check", health.quick_check}};
  if (!health.exists) {
    // selfcheck before the first start: harmonyd creates the file, so only the folder matters.
    if (!health.writable) {
      result.status = CheckStatus::fail;
      result.kind = ErrorKind::filesystem;
      result.problem =
          fmt::format("database {} cannot be created: its folder is not writable", health.path);
    }
    return result;
  }
  if (!health.ok()) {
    result.status = CheckStatus::fail;
    result.kind = ErrorKind::filesystem;
    result.problem =
        !health.writable
            ? fmt::format("database {} is not writable; fix its owner/permissions", health.path)
        : health.quick_check != "ok"
            ? fmt::format(
                  "database {} failed quick_check: {}; restore a backup or restart with DB_RESET=1",
                  health.path, health.quick_check)
            : fmt::format("database {} is not in WAL mode; restart harmonyd so it can switch",
                          health.path);
  }
  return result;
}

ReadinessReport Readiness::evaluate() const {
  const auto settings = m_settings();
  ReadinessReport report;
  report.checks.push_back(check_config(*settings));
  report.checks.push_back(check_paths(*settings));
  report.checks.push_back(check_database(m_database()));
  report.checks.push_back(m_slskd.probe());
  report.checks.push_back(m_spotify.probe());
  return report;
}

bool ReadinessReport::ok() const noexcept {
  return std::none_of(checks.begin(), checks.end(),
                      [](const CheckResult& c) { return c.failed(); });
}

int ReadinessReport::exit_code() const noexcept {
  for (const CheckResult& check : checks) {
    if (check.failed()) {
      return exit_code_for(check.kind);
    }
  }
  return 0;
}

nlohmann::json ReadinessReport::to_json(bool verbose) const {
  nlohmann::json body{{"status", ok() ? "ok" : "fail"}};
  if (verbose || !ok()) {
    nlohmann::json detail = nlohmann::json::object();
    nlohmann::json issues = nlohmann::json::array();
    for (const CheckResult& check : checks) {
      nlohmann::json entry = check.detail;
      entry["status"] = to_string(check.status);
      detail[check.name] = std::move(entry);
      if (check.failed()) {
        issues.push_back({{"component", check.name},
                          {"message", check.problem},
                          {"exit_code", exit_code_for(check.kind)}});
      }
    }
    body["checks"] = std::move(detail);
    body["issues"] = std::move(issues);
  }
  return body;
}

}  // namespace harmony::harmonyd::health
