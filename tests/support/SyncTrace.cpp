// An LD_PRELOAD library that records, in order, every fsync/fdatasync (with the path of the
// descriptor) and every rename (old and new name) of the process it is loaded into, one line per
// call, to the file named by HARMONY_SYNC_TRACE. Durability tests read it to check the order of
// a filing: file fsync → rename → directory fsync → database commit synced.
//   fsync <path>
//   rename <old> -> <new>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <mutex>
#include <string>

namespace {

std::string fd_path(int fd) {
  std::array<char, 4096> buffer{};
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t n = ::readlink(link.c_str(), buffer.data(), buffer.size() - 1);
  return n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : std::string();
}

std::string absolute(int dirfd, const char* path) {
  if (path == nullptr || path[0] == '/') {
    return path == nullptr ? std::string() : std::string(path);
  }
  std::string base;
  if (dirfd == AT_FDCWD) {
    std::array<char, 4096> cwd{};
    base = ::getcwd(cwd.data(), cwd.size()) != nullptr ? std::string(cwd.data()) : std::string();
  } else {
    base = fd_path(dirfd);
  }
  return base + "/" + path;
}

// Appends one line with raw system calls, so recording never re-enters the traced calls.
void record(const std::string& line) {
  static std::mutex mutex;
  const char* file = std::getenv("HARMONY_SYNC_TRACE");
  if (file == nullptr) {
    return;
  }
  const std::lock_guard lock(mutex);
  const int fd = static_cast<int>(
      ::syscall(SYS_openat, AT_FDCWD, file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (fd < 0) {
    return;
  }
  const std::string text = line + "\n";
  static_cast<void>(::syscall(SYS_write, fd, text.data(), text.size()));
  ::syscall(SYS_close, fd);
}

template <typename Function>
Function real(const char* name) {
  return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

// fsync and fdatasync both make the data durable; the trace does not tell them apart.
int traced_sync(const char* name, int fd) {
  const auto next = real<int (*)(int)>(name);
  const int result = next(fd);
  if (result == 0) {
    record("fsync " + fd_path(fd));
  }
  return result;
}

}  // namespace

extern "C" {

int fsync(int fd) {
  return traced_sync("fsync", fd);
}

int fdatasync(int fd) {
  return traced_sync("fdatasync", fd);
}

int renameat2(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
              unsigned int flags) {
  static const auto next = real<int (*)(int, const char*, int, const char*, unsigned)>("renameat2");
  const int result = next(olddirfd, oldpath, newdirfd, newpath, flags);
  if (result == 0) {
    record("rename " + absolute(olddirfd, oldpath) + " -> " + absolute(newdirfd, newpath));
  }
  return result;
}

int rename(const char* oldpath, const char* newpath) {
  static const auto next = real<int (*)(const char*, const char*)>("rename");
  const int result = next(oldpath, newpath);
  if (result == 0) {
    record("rename " + absolute(AT_FDCWD, oldpath) + " -> " + absolute(AT_FDCWD, newpath));
  }
  return result;
}

}  // extern "C"
