#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace harmony::harmonyd::container {

// The mount points listed in a /proc/self/mountinfo text (field 5, with the kernel's octal
// escapes such as "\040" for a space undone). Malformed lines are skipped; the input is bounded
// by the caller (it is the kernel's, but may be huge on busy hosts).
std::vector<std::string> parse_mount_points(std::string_view mountinfo);

// True when `path` (absolute, without a trailing slash) is one of `mount_points`.
bool is_mount_point(const std::string& path, const std::vector<std::string>& mount_points);

// Reads /proc/self/mountinfo (at most 4 MiB); empty when it cannot be read.
std::vector<std::string> read_mount_points();

}  // namespace harmony::harmonyd::container
