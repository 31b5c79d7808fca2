#pragma once

#include <string>
#include <string_view>

namespace harmony {

// The one URL encoder: every byte except RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~)
// becomes %XX, so the result is safe as a path segment or a query value.
std::string percent_encode(std::string_view text);

}  // namespace harmony
