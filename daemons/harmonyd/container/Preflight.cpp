#include "container/Preflight.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include <fmt/format.h>

#include "container/Volumes.hpp"
#include "core/ExitCode.hpp"

namespace harmony::harmonyd::container {
namespace {

// Without root the only evidence is the mode bits (ACLs and mount options are not seen).
Result<void> mode_allows_write(const std::string& path, uid_t uid, gid_t gid) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return Error{ErrorKind::filesystem, fmt::format("cannot inspect {}", path), errno};
  }
  const mode_t needed = st.st_uid == uid   ? S_IWUSR | S_IXUSR
                        : st.st_gid == gid ? S_IWGRP | S_IXGRP
                                           : S_IWOTH | S_IXOTH;
  if ((st.st_mode & needed) != needed) {
    return Error{ErrorKind::filesystem,
                 fmt::format("{} (owner {}:{}, mode {:03o}) rejects writes by {}:{}", path,
                             st.st_uid, st.st_gid, st.st_mode & 0777, uid, gid),
                 EACCES};
  }
  return {};
}

Result<std::string> prepare(const std::string& path, uid_t uid, gid_t gid) {
  const bool root = ::geteuid() == 0;
  auto created = ensure_directory(path, 0775);
  if (!created) {
    return std::move(created).error();
  }
  std::string done = *created ? "created" : "exists";
  if (root) {
    auto changed = ensure_owner(path, uid, gid);
    if (!changed) {
      return std::move(changed).error();
    }
    done += *changed ? fmt::format(", now owned by {}:{}", uid, gid)
                     : fmt::format(", owned by {}:{}", uid, gid);
  }
  const bool self = ::geteuid() == uid && ::getegid() == gid;
  auto writable =
      root || self ? probe_writable_as(path, uid, gid) : mode_allows_write(path, uid, gid);
  if (!writable && writable.error().native_code == EACCES && mode_allows_write(path, uid, gid)) {
    // The directory itself would allow it: a parent is not searchable for that user.
    return Error{ErrorKind::filesystem,
                 fmt::format("{} is writable by {}:{} but a parent directory is not searchable "
                             "by that user",
                             path, uid, gid),
                 EACCES};
  }
  if (!writable) {
    return std::move(writable).error();
  }
  done += fmt::format(", writable by {}:{}", uid, gid);
  return done;
}

// The one thing to do about `error`, for the line after it.
std::string fix_for(const Error& error, const std::string& path, uid_t uid, gid_t gid) {
  if (error.native_code == EROFS) {
    return fmt::format(
        "{} is on a read-only filesystem: remount it read-write (or drop :ro) or "
        "choose a directory elsewhere",
        path);
  }
  if (error.native_code == EACCES && mode_allows_write(path, uid, gid)) {
    return fmt::format("sudo chmod o+x each parent that `namei -l {}` shows without x", path);
  }
  return fmt::format("sudo chown {}:{} {}", uid, gid, path);
}

}  // namespace

int run_preflight(const PreflightOptions& options, std::FILE* out, std::FILE* err) {
  for (const auto& [name, given] :
       {std::pair{"config", options.config_dir}, std::pair{"downloads", options.downloads_dir},
        std::pair{"music", options.music_dir}}) {
    std::error_code ec;
    const std::string path = std::filesystem::absolute(given, ec).lexically_normal().string();
    auto result = prepare(path, options.puid, options.pgid);
    if (!result) {
      fmt::print(err, "[error] {} directory: {}\n        fix: {}\n", name, result.error().message,
                 fix_for(result.error(), path, options.puid, options.pgid));
      return exit_code::k_filesystem;
    }
    fmt::print(out, "[ok] {} directory {}: {}\n", name, path, *result);
  }
  fmt::print(out, "[ok] ready: start the container with PUID={} PGID={}\n", options.puid,
             options.pgid);
  return exit_code::k_ok;
}

}  // namespace harmony::harmonyd::container
