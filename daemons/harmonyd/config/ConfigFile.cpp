#include "config/ConfigFile.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace harmony::harmonyd::config {
namespace {

std::string quoted(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string render_config_file(Profile profile) {
  std::string out =
      "# harmonyd configuration, written on first start with every key at its default.\n"
      "# Precedence: environment > CONFIG_DIR/.env > this file > built-in default.\n"
      "# HARMONY_PROFILE and CONFIG_DIR are read from the environment only.\n"
      "# Every key is described in docs/configuration.md. harmonyd never overwrites this file.\n";
  std::string section;
  for (const KeyDef& key : keys()) {
    if (key.environment_only) {
      continue;
    }
    if (key.section != section) {
      section = key.section;
      out += fmt::format("\n{}:\n", section);
    }
    out +=
        fmt::format("  # {}\n  {}: {}\n", key.comment, key.name, quoted(default_for(key, profile)));
  }
  return out;
}

Result<bool> ensure_config_file(const std::string& path, Profile profile) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) {
    if (errno == EEXIST) {
      return false;
    }
    return make_error(ErrorKind::filesystem,
                      fmt::format("cannot create {} ({}); make CONFIG_DIR writable for this user",
                                  path, std::strerror(errno)),
                      errno);
  }
  const std::string text = render_config_file(profile);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(path.c_str());
      return make_error(ErrorKind::filesystem,
                        fmt::format("cannot write {} ({})", path, std::strerror(err)), err);
    }
    written += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  return true;
}

}  // namespace harmony::harmonyd::config
