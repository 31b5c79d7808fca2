#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/Result.hpp"
#include "http/Message.hpp"

namespace harmony::harmonyd::ui {

// An application/x-www-form-urlencoded body. Parsed only when the request says that is what it
// carries: another Content-Type is ErrorKind::invalid (the caller answers 415), and so is a
// malformed %-escape; a repeated field keeps its first value.
struct Form {
  std::map<std::string, std::string> fields;
  std::optional<std::string> get(const std::string& name) const;
};

Result<Form> parse_form(const http::Request& request);
// The status for a form parse_form refused: 415 for another Content-Type, 400 for a malformed body.
int form_error_status(const http::Request& request);

}  // namespace harmony::harmonyd::ui
