#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/Result.hpp"
#include "http/Message.hpp"

namespace harmony::harmonyd::ui {

// An application/x-www-form-urlencoded body. Parsed only when the request says that is what it
// carries: another Content-Type is ErrorKind::invalid (the caller answers 415). A malformed
// percent-escape is kept as written; a repeated field keeps its first value.
struct Form {
  std::map<std::string, std::string> fields;
  std::optional<std::string> get(const std::string& name) const;
};

Result<Form> parse_form(const http::Request& request);
std::string url_decode(std::string_view text, bool plus_is_space);

}  // namespace harmony::harmonyd::ui
