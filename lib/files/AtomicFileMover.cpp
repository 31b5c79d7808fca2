#include "files/AtomicFileMover.hpp"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

namespace harmony::files {
namespace {

namespace fs = std::filesystem;

constexpr int k_max_suffix = 999;

Error os_error(std::string_view call, const fs::path& path, int err) {
  return make_error(ErrorKind::filesystem,
                    fmt::format("{} '{}' failed: {}; check that the folder exists, is writable "
                                "by harmonyd and has free space",
                                call, path.string(), std::strerror(err)),
                    err);
}

// Closes a descriptor when leaving scope.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return m_fd; }
  // close() reports deferred write errors (NFS): check it for files we wrote.
  int close_checked() {
    const int rc = ::close(m_fd);
    m_fd = -1;
    return rc;
  }

 private:
  int m_fd;
};

Result<void> fsync_path(const fs::path& path, int flags) {
  Fd fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (fd.get() < 0) {
    return os_error("open", path, errno);
  }
  if (::fsync(fd.get()) != 0) {
    return os_error("fsync", path, errno);
  }
  return {};
}

fs::path parent_of(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// 0 on success, else errno. Never replaces an existing `to`.
int rename_noreplace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return 0;
  }
  if (errno != EINVAL && errno != ENOSYS) {
    return errno;
  }
  // The filesystem does not support the flag: link() refuses to replace as well.
  if (::link(from.c_str(), to.c_str()) != 0) {
    return errno;
  }
  if (::unlink(from.c_str()) != 0) {
    return errno;
  }
  return 0;
}

// Copies from the already opened (and checked) source, so a path swapped after the check
// cannot change what is copied.
Result<std::uintmax_t> copy_durably(int in, const struct stat& st, const fs::path& source,
                                    const fs::path& partial) {
  if (::lseek(in, 0, SEEK_SET) != 0) {
    return os_error("seek", source, errno);
  }
  if (::unlink(partial.c_str()) != 0 && errno != ENOENT) {
    return os_error("unlink stale partial copy", partial, errno);
  }
  Fd out(::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                st.st_mode & 0666));
  if (out.get() < 0) {
    return os_error("create", partial, errno);
  }
  std::uintmax_t copied = 0;
  while (true) {
    const ssize_t n = ::sendfile(out.get(), in, nullptr, std::size_t{1} << 30);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int err = errno;
      ::unlink(partial.c_str());
      return os_error("copy (sendfile) to", partial, err);
    }
    if (n == 0) {
      break;
    }
    copied += static_cast<std::uintmax_t>(n);
  }
  if (::fsync(out.get()) != 0 || out.close_checked() != 0) {
    const int err = errno;
    ::unlink(partial.c_str());
    return os_error("fsync", partial, err);
  }
  return copied;
}

// Opens the source without following a symlink and checks the opened file itself, so the
// check and the move see the same inode.
Result<int> open_regular(const fs::path& source, struct stat& st) {
  const int fd = ::open(source.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP) {
      return make_error(
          ErrorKind::filesystem,
          fmt::format("'{}' is a symbolic link; only regular files are filed", source.string()),
          ELOOP);
    }
    return os_error("open", source, errno);
  }
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return os_error("fstat", source, err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return make_error(
        ErrorKind::filesystem,
        fmt::format("'{}' is not a regular file; only files are filed", source.string()));
  }
  return fd;
}

// True when `path` (not followed) is the inode described by `st`.
bool same_inode(const fs::path& path, const struct stat& st) {
  struct stat now {};
  return ::lstat(path.c_str(), &now) == 0 && now.st_dev == st.st_dev && now.st_ino == st.st_ino;
}

Result<MoveOutcome> finish(const fs::path& source, const struct stat& st, fs::path final_path,
                           bool copied) {
  const auto bytes = static_cast<std::uintmax_t>(st.st_size);
  if (auto synced = fsync_directory(parent_of(final_path)); !synced) {
    return std::move(synced).error();
  }
  // Only the file that was copied is removed, never whatever the name points at by now.
  if (copied && same_inode(source, st) && ::unlink(source.c_str()) != 0 && errno != ENOENT) {
    return os_error("remove the source after copying", source, errno);
  }
  if (auto synced = fsync_directory(parent_of(source)); !synced) {
    return std::move(synced).error();
  }
  return MoveOutcome{std::move(final_path), copied, bytes};
}

}  // namespace

Result<void> fsync_directory(const fs::path& directory) {
  return fsync_path(directory, O_RDONLY | O_DIRECTORY);
}

Result<void> create_directories_durably(const fs::path& directory) {
  if (directory.empty()) {
    return {};
  }
  // The non-throwing form: an unreadable or looping MUSIC_DIR is an error to report for this
  // file, never an exception that ends the process.
  std::error_code ec;
  if (fs::is_directory(directory, ec)) {
    return {};
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return os_error("stat", directory, ec.value());
  }
  if (auto parent = create_directories_durably(parent_of(directory)); !parent) {
    return parent;
  }
  if (::mkdir(directory.c_str(), 0755) != 0 && errno != EEXIST) {
    return os_error("mkdir", directory, errno);
  }
  return fsync_directory(parent_of(directory));
}

fs::path AtomicFileMover::partial_path_for(const fs::path& target) {
  return parent_of(target) / fmt::format(".{}.partial", target.filename().string());
}

fs::path AtomicFileMover::suffixed(const fs::path& target, int n) {
  return parent_of(target) /
         fmt::format("{} ({}){}", target.stem().string(), n, target.extension().string());
}

Result<MoveOutcome> AtomicFileMover::move(const fs::path& source, const fs::path& target) const {
  return move_to(source, target, k_max_suffix);
}

Result<MoveOutcome> AtomicFileMover::move_exact(const fs::path& source,
                                                const fs::path& target) const {
  return move_to(source, target, 0);
}

Result<MoveOutcome> AtomicFileMover::move_to(const fs::path& source, const fs::path& target,
                                             int max_suffix) {
  struct stat st {};
  auto opened = open_regular(source, st);
  if (!opened) {
    return std::move(opened).error();
  }
  const Fd in(*opened);
  if (auto made = create_directories_durably(parent_of(target)); !made) {
    return std::move(made).error();
  }
  // The data is durable before the file gets its new name: a power cut right after the rename
  // must not show an empty or partial file under the final name.
  if (::fsync(in.get()) != 0) {
    return os_error("fsync", source, errno);
  }
  fs::path from = source;
  bool copied = false;
  for (int n = 0; n <= max_suffix; ++n) {
    const fs::path candidate = n == 0 ? target : suffixed(target, n);
    const int err = rename_noreplace(from, candidate);
    if (err == 0) {
      // A rename moves whatever the name points at now: if the source was swapped after it was
      // checked, put the stranger back and refuse.
      if (!copied && !same_inode(candidate, st)) {
        ::renameat2(AT_FDCWD, candidate.c_str(), AT_FDCWD, source.c_str(), RENAME_NOREPLACE);
        return make_error(
            ErrorKind::filesystem,
            fmt::format("'{}' was replaced while it was being filed; refused", source.string()));
      }
      return finish(source, st, candidate, copied);
    }
    if (err == EEXIST) {
      continue;
    }
    if (err == EXDEV && !copied) {
      const fs::path partial = partial_path_for(target);
      auto copy = copy_durably(in.get(), st, source, partial);
      if (!copy) {
        return std::move(copy).error();
      }
      from = partial;
      copied = true;
      --n;  // retry the same name, now from the copy on the target's filesystem
      continue;
    }
    if (copied) {
      ::unlink(from.c_str());
    }
    return os_error("rename into", candidate, err);
  }
  if (copied) {
    ::unlink(from.c_str());
  }
  if (max_suffix == 0) {
    return make_error(ErrorKind::filesystem,
                      fmt::format("'{}' already exists; it is left as it is", target.string()),
                      EEXIST);
  }
  return make_error(ErrorKind::filesystem,
                    fmt::format("'{}' and {} suffixed names already exist; clean up the folder",
                                target.string(), max_suffix));
}

}  // namespace harmony::files
