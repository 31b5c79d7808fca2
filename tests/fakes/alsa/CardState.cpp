#include "CardState.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace harmony::fakes::alsa {
namespace {

// Closes the descriptor (and so drops its flock) on every path out.
class Fd {
 public:
  explicit Fd(int fd) noexcept : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return m_fd; }

 private:
  int m_fd;
};

// Parses "<key> <long> <long>\n" at the front of `text` into `values`, each within 0..max.
bool parse_line(std::string_view& text, std::string_view key, long max,
                std::array<long, 2>& values) noexcept {
  if (!text.starts_with(key)) {
    return false;
  }
  text.remove_prefix(key.size());
  for (long& value : values) {
    if (!text.starts_with(' ')) {
      return false;
    }
    text.remove_prefix(1);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || value < 0 || value > max) {
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  }
  if (!text.starts_with('\n')) {
    return false;
  }
  text.remove_prefix(1);
  return true;
}

// Reads the whole (bounded) file from offset 0 into `state`.
int read_locked(int fd, CardState& state) noexcept {
  char buffer[k_max_file_bytes + 1];
  std::size_t size = 0;
  while (size < sizeof buffer) {
    const ssize_t n = ::pread(fd, buffer + size, sizeof buffer - size, static_cast<off_t>(size));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return -errno;
    }
    if (n == 0) {
      break;
    }
    size += static_cast<std::size_t>(n);
  }
  if (size > k_max_file_bytes) {
    return -EBADMSG;
  }
  const auto parsed = parse_card_state(std::string_view(buffer, size));
  if (!parsed) {
    return -EBADMSG;
  }
  state = *parsed;
  return 0;
}

int write_locked(int fd, const CardState& state) noexcept {
  const std::string text = format_card_state(state);
  if (::ftruncate(fd, 0) < 0) {
    return -errno;
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n =
        ::pwrite(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return -errno;
    }
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

int lock(int fd, int operation) noexcept {
  while (::flock(fd, operation) < 0) {
    if (errno != EINTR) {
      return -errno;
    }
  }
  return 0;
}

}  // namespace

long element_max(Element element) noexcept {
  return element == Element::volume ? k_volume_max : 1;
}

std::optional<CardState> parse_card_state(std::string_view text) noexcept {
  if (text.size() > k_max_file_bytes) {
    return std::nullopt;
  }
  CardState state;
  if (!parse_line(text, "volume", element_max(Element::volume), state.volume) ||
      !parse_line(text, "switch", element_max(Element::on), state.on) || !text.empty()) {
    return std::nullopt;
  }
  return state;
}

std::string format_card_state(const CardState& state) {
  return "volume " + std::to_string(state.volume[0]) + " " + std::to_string(state.volume[1]) +
         "\nswitch " + std::to_string(state.on[0]) + " " + std::to_string(state.on[1]) + "\n";
}

// A reader that opens the file between its creation and the write below finds it empty and gets
// -EBADMSG once; only the first open of a fresh card can race like that.
int create_card_state(const std::string& path) noexcept {
  const Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) {
    return errno == EEXIST ? 0 : -errno;
  }
  if (int rc = lock(fd.get(), LOCK_EX); rc < 0) {
    return rc;
  }
  return write_locked(fd.get(), CardState{});
}

int load_card_state(const std::string& path, CardState& out) noexcept {
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return -errno;
  }
  if (int rc = lock(fd.get(), LOCK_SH); rc < 0) {
    return rc;
  }
  return read_locked(fd.get(), out);
}

int store_element(const std::string& path, Element element, const long* values) noexcept {
  for (int channel = 0; channel < 2; ++channel) {
    if (values[channel] < 0 || values[channel] > element_max(element)) {
      return -EINVAL;
    }
  }
  const Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (fd.get() < 0) {
    return -errno;
  }
  if (int rc = lock(fd.get(), LOCK_EX); rc < 0) {
    return rc;
  }
  CardState state;
  if (int rc = read_locked(fd.get(), state); rc < 0) {
    return rc;
  }
  if (state[element][0] == values[0] && state[element][1] == values[1]) {
    return 0;
  }
  state[element] = {values[0], values[1]};
  const int rc = write_locked(fd.get(), state);
  return rc < 0 ? rc : 1;
}

}  // namespace harmony::fakes::alsa
