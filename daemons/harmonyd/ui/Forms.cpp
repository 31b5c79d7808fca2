#include "ui/Forms.hpp"

#include "core/UrlEncode.hpp"

#include <cctype>

namespace harmony::harmonyd::ui {
namespace {

bool is_form_content_type(const std::string& value) {
  const std::string_view media = std::string_view(value).substr(0, value.find(';'));
  std::string lowered;
  for (const char c : media) {
    if (c != ' ') {
      lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return lowered == "application/x-www-form-urlencoded";
}

bool claims_form(const http::Request& request) {
  const auto type = request.header("Content-Type");
  return type && is_form_content_type(*type);
}

}  // namespace

std::optional<std::string> Form::get(const std::string& name) const {
  const auto it = fields.find(name);
  return it == fields.end() ? std::nullopt : std::optional<std::string>(it->second);
}

int form_error_status(const http::Request& request) {
  return claims_form(request) ? 400 : 415;
}

Result<Form> parse_form(const http::Request& request) {
  if (!claims_form(request)) {
    return make_error(ErrorKind::invalid,
                      "forms must be sent as application/x-www-form-urlencoded");
  }
  auto pairs = parse_urlencoded(request.body);
  if (!pairs) {
    return make_error(ErrorKind::invalid,
                      "the form has a malformed %-escape (a '%' must be followed by two hex "
                      "digits); send it as a browser encodes it");
  }
  Form form;
  for (auto& [name, value] : *pairs) {
    form.fields.emplace(std::move(name), std::move(value));
  }
  return form;
}

}  // namespace harmony::harmonyd::ui
