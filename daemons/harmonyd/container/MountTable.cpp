#include "container/MountTable.hpp"

#include <algorithm>
#include <fstream>

namespace harmony::harmonyd::container {
namespace {

constexpr std::size_t k_max_mountinfo = std::size_t{4} * 1024 * 1024;

bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

std::string unescape(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() && is_octal(field[i + 1]) &&
        is_octal(field[i + 2]) && is_octal(field[i + 3])) {
      out += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 +
                               (field[i + 3] - '0'));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

// The fifth space-separated field of `line`, or empty.
std::string_view fifth_field(std::string_view line) {
  std::size_t start = 0;
  for (int field = 0; field < 4; ++field) {
    const std::size_t space = line.find(' ', start);
    if (space == std::string_view::npos) {
      return {};
    }
    start = space + 1;
  }
  const std::size_t end = line.find(' ', start);
  return line.substr(start, end == std::string_view::npos ? line.size() - start : end - start);
}

}  // namespace

std::vector<std::string> parse_mount_points(std::string_view mountinfo) {
  std::vector<std::string> points;
  while (!mountinfo.empty()) {
    const std::size_t newline = mountinfo.find('\n');
    const std::string_view line = mountinfo.substr(0, newline);
    mountinfo.remove_prefix(newline == std::string_view::npos ? mountinfo.size() : newline + 1);
    const std::string_view field = fifth_field(line);
    if (!field.empty() && field.front() == '/') {
      points.push_back(unescape(field));
    }
  }
  return points;
}

bool is_mount_point(const std::string& path, const std::vector<std::string>& mount_points) {
  return std::find(mount_points.begin(), mount_points.end(), path) != mount_points.end();
}

std::vector<std::string> read_mount_points() {
  std::ifstream in("/proc/self/mountinfo", std::ios::binary);
  if (!in) {
    return {};
  }
  std::string text;
  char buffer[8192];
  while (text.size() < k_max_mountinfo && in.read(buffer, sizeof buffer).gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  return parse_mount_points(text);
}

}  // namespace harmony::harmonyd::container
