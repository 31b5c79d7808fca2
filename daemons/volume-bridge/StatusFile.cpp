#include "StatusFile.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "StatusJson.hpp"

namespace harmony::bridge {
namespace {

Error file_error(const std::string& what, const std::string& path, int code) {
  return make_error(ErrorKind::filesystem,
                    fmt::format("status file '{}': {} failed: {}; check that the folder exists "
                                "and is writable (BRIDGE_STATUS_FILE)",
                                path, what, std::strerror(code)),
                    code);
}

}  // namespace

Result<void> StatusFile::publish(const SpeakerState& state) {
  const auto now = m_clock.now();
  if (m_written && state.same_except_position(*m_written) &&
      (state.position_s == m_written->position_s || now - m_written_at < m_position_interval)) {
    return {};
  }
  if (auto written = write(status_json(state, m_clock.wall_now())); !written) {
    return written;
  }
  m_written = state;
  m_written_at = now;
  ++m_writes;
  return {};
}

Result<void> StatusFile::write(const std::string& content) {
  const std::filesystem::path target(m_path);
  std::error_code ignored;
  std::filesystem::create_directories(target.parent_path(), ignored);
  const std::string temporary = m_path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return file_error("open", temporary, errno);
  }
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int code = errno;
      ::close(fd);
      return file_error("write", temporary, code);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return file_error("fsync", temporary, errno);
  }
  if (::rename(temporary.c_str(), m_path.c_str()) != 0) {
    return file_error("rename", m_path, errno);
  }
  return {};
}

}  // namespace harmony::bridge
