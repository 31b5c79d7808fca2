#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harmony {

// The one URL encoder: every byte except RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~)
// becomes %XX, so the result is safe as a path segment or a query value.
std::string percent_encode(std::string_view text);

// The one decoder, for application/x-www-form-urlencoded text (form bodies, query strings):
// '+' is a space, %XX a byte. nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text);

// The name=value pairs of such a text, decoded, in order (a name without '=' has an empty
// value; empty pairs are skipped). nullopt when any name or value is malformed.
using UrlPairs = std::vector<std::pair<std::string, std::string>>;
std::optional<UrlPairs> parse_urlencoded(std::string_view text);

// A URL without its query and fragment: what messages show (a query may hold keys or tokens),
// and the base a redirect is compared on.
std::string_view without_query(std::string_view url);

}  // namespace harmony
