#include "ui/Forms.hpp"

#include <cctype>

namespace harmony::harmonyd::ui {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

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

}  // namespace

std::optional<std::string> Form::get(const std::string& name) const {
  const auto it = fields.find(name);
  return it == fields.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Result<Form> parse_form(const http::Request& request) {
  const auto type = request.header("Content-Type");
  if (!type || !is_form_content_type(*type)) {
    return make_error(ErrorKind::invalid,
                      "forms must be sent as application/x-www-form-urlencoded");
  }
  Form form;
  std::string_view rest = request.body;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const auto equals = pair.find('=');
    std::string name = url_decode(pair.substr(0, equals), true);
    std::string value = equals == std::string_view::npos
                            ? std::string()
                            : url_decode(pair.substr(equals + 1), true);
    form.fields.emplace(std::move(name), std::move(value));
  }
  return form;
}

}  // namespace harmony::harmonyd::ui
