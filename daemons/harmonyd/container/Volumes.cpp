#include "container/Volumes.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

namespace harmony::harmonyd::container {
namespace fs = std::filesystem;

namespace {

Error fs_error(const std::string& what, int error) {
  return Error{ErrorKind::filesystem, fmt::format("{}: {}", what, std::strerror(error)), error};
}

// "path/.harmony-probe-XXXXXX" as a writable C string for mkostemp.
std::vector<char> probe_template(const std::string& path) {
  const std::string name = path + "/.harmony-probe-XXXXXX";
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  return buffer;
}

// One write round trip; returns 0 or the errno of the step that failed. Async-signal-safe (no
// allocation), so a forked child may call it.
int probe_errno(char* name_template) {
  const int fd = ::mkostemp(name_template, O_CLOEXEC);
  if (fd < 0) {
    return errno;
  }
  int error = 0;
  if (::write(fd, "ok\n", 3) != 3 || ::fsync(fd) != 0) {
    error = errno == 0 ? EIO : errno;
  }
  ::close(fd);
  if (::unlink(name_template) != 0 && error == 0) {
    error = errno;
  }
  return error;
}

}  // namespace

Result<bool> ensure_directory(const std::string& path, mode_t mode) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      return Error{ErrorKind::filesystem, fmt::format("{} exists but is not a directory", path),
                   ENOTDIR};
    }
    return false;
  }
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) {
    return fs_error(fmt::format("cannot create {}", path), ec.value());
  }
  // create_directories uses 0777; narrow the leaf to what the caller asked for (minus umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::chmod(path.c_str(), mode & ~mask) != 0) {
    return fs_error(fmt::format("cannot set the mode of {}", path), errno);
  }
  return true;
}

Result<bool> ensure_owner(const std::string& path, uid_t uid, gid_t gid) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return fs_error(fmt::format("cannot inspect {}", path), errno);
  }
  if (st.st_uid == uid && st.st_gid == gid) {
    return false;
  }
  if (::chown(path.c_str(), uid, gid) != 0) {
    return fs_error(fmt::format("cannot change the owner of {} to {}:{}", path, uid, gid), errno);
  }
  return true;
}

Result<void> probe_writable(const std::string& path) {
  std::vector<char> name = probe_template(path);
  if (const int error = probe_errno(name.data()); error != 0) {
    return fs_error(fmt::format("cannot write to {} as uid {}", path, ::geteuid()), error);
  }
  return {};
}

Result<void> probe_writable_as(const std::string& path, uid_t uid, gid_t gid) {
  if (::geteuid() == uid && ::getegid() == gid) {
    return probe_writable(path);
  }
  std::vector<char> name = probe_template(path);
  const pid_t child = ::fork();
  if (child < 0) {
    return fs_error("cannot fork the write probe", errno);
  }
  if (child == 0) {
    // Only async-signal-safe calls until _exit: the parent may have threads.
    if (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) {
      ::_exit(EPERM);
    }
    ::_exit(probe_errno(name.data()) & 0xff);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      return fs_error("cannot wait for the write probe", errno);
    }
  }
  const int error = WIFEXITED(status) ? WEXITSTATUS(status) : EIO;
  if (error != 0) {
    return fs_error(fmt::format("cannot write to {} as uid {} gid {}", path, uid, gid), error);
  }
  return {};
}

}  // namespace harmony::harmonyd::container
