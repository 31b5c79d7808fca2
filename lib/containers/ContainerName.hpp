#pragma once

#include <string_view>

namespace harmony::containers {

// Docker's rule for container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (at most 255 bytes). Checked
// before a name from the command line is used, so a typo is a usage error, not a lookup.
bool is_valid_container_name(std::string_view name) noexcept;

}  // namespace harmony::containers
