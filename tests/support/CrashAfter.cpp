// An LD_PRELOAD library that kills its process with SIGKILL right after a chosen system call
// touched a chosen path, to test crash consistency at exact points (a file half copied, renamed
// but not yet recorded, ...). Configured by the environment of the process it is loaded into:
//   HARMONY_CRASH_AFTER  renameat2 | rename | sendfile | unlink
//   HARMONY_CRASH_PATH   a substring of the path (renameat2, rename: the new name; sendfile:
//                        the file written to; unlink: the removed name)
// The real call runs first; nothing is cleaned up, exactly as with a power cut of the process.
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

bool armed_for(const char* call, const std::string& path) {
  const char* wanted_call = std::getenv("HARMONY_CRASH_AFTER");
  const char* wanted_path = std::getenv("HARMONY_CRASH_PATH");
  return wanted_call != nullptr && wanted_path != nullptr && std::strcmp(wanted_call, call) == 0 &&
         path.find(wanted_path) != std::string::npos;
}

std::string fd_path(int fd) {
  std::array<char, 4096> buffer{};
  const std::string link = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t n = ::readlink(link.c_str(), buffer.data(), buffer.size() - 1);
  return n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : std::string();
}

template <typename Function>
Function real(const char* name) {
  return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

int renameat2(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
              unsigned int flags) {
  static const auto next = real<int (*)(int, const char*, int, const char*, unsigned)>("renameat2");
  const int result = next(olddirfd, oldpath, newdirfd, newpath, flags);
  if (result == 0 && armed_for("renameat2", newpath)) {
    ::kill(::getpid(), SIGKILL);
  }
  return result;
}

int rename(const char* oldpath, const char* newpath) {
  static const auto next = real<int (*)(const char*, const char*)>("rename");
  const int result = next(oldpath, newpath);
  if (result == 0 && armed_for("rename", newpath)) {
    ::kill(::getpid(), SIGKILL);
  }
  return result;
}

ssize_t sendfile(int out_fd, int in_fd, off_t* offset, size_t count) {
  static const auto next = real<ssize_t (*)(int, int, off_t*, size_t)>("sendfile");
  const ssize_t result = next(out_fd, in_fd, offset, count);
  if (result > 0 && armed_for("sendfile", fd_path(out_fd))) {
    ::kill(::getpid(), SIGKILL);
  }
  return result;
}

int unlink(const char* path) {
  static const auto next = real<int (*)(const char*)>("unlink");
  const int result = next(path);
  if (result == 0 && armed_for("unlink", path)) {
    ::kill(::getpid(), SIGKILL);
  }
  return result;
}

}  // extern "C"
