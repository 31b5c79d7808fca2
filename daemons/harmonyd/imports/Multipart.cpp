#include "imports/Multipart.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace harmony::harmonyd::imports {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of `name=` in a header's parameters, quotes removed.
std::string parameter(std::string_view header, std::string_view name) {
  const std::string lowered = lower(header);
  std::size_t at = 0;
  while ((at = lowered.find(name, at)) != std::string::npos) {
    const bool starts = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ';
    const auto equals = at + name.size();
    if (starts && equals < lowered.size() && lowered[equals] == '=') {
      auto value = header.substr(equals + 1);
      if (!value.empty() && value.front() == '"') {
        value = value.substr(1);
        return std::string(value.substr(0, value.find('"')));
      }
      return std::string(value.substr(0, value.find(';')));
    }
    at = equals;
  }
  return {};
}

Error invalid(std::string message) {
  return make_error(ErrorKind::invalid, std::move(message));
}

}  // namespace

Result<UploadedFile> multipart_file(std::string_view content_type, std::string_view body,
                                    std::string_view field) {
  const std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) {
    return invalid("the multipart/form-data Content-Type needs a boundary of 1 to 70 characters");
  }
  const std::string delimiter = "--" + boundary;
  std::size_t at = body.find(delimiter);
  while (at != std::string_view::npos) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") {
      break;  // the closing delimiter
    }
    const auto headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) {
      return invalid("a multipart part has no blank line after its headers");
    }
    const auto headers = body.substr(at, headers_end - at);
    const auto content_start = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) {
      return invalid("the multipart body ends without its closing boundary");
    }
    std::string disposition;
    std::size_t line_start = 0;
    while (line_start <= headers.size()) {
      const auto line_end = std::min(headers.find("\r\n", line_start), headers.size());
      const auto line = headers.substr(line_start, line_end - line_start);
      if (lower(line.substr(0, 20)) == "content-disposition:") {
        disposition = std::string(line.substr(20));
      }
      line_start = line_end + 2;
    }
    if (parameter(disposition, "name") == field) {
      return UploadedFile{parameter(disposition, "filename"),
                          body.substr(content_start, next - content_start)};
    }
    at = next + 2;
  }
  return invalid(fmt::format("the multipart/form-data body has no part named '{}'", field));
}

}  // namespace harmony::harmonyd::imports
