// /api/v1/imports: pasted text (JSON) or an uploaded file (multipart/form-data), processed in
// the background; each import lists every item with its outcome.
#include <charconv>

#include <fmt/format.h>

#include "api/Routes.hpp"

namespace harmony::harmonyd::api {
namespace {

constexpr std::size_t k_default_list = 50;
constexpr std::size_t k_max_list = 500;

bool is_multipart(const http::Request& request) {
  std::string type = request.header("Content-Type").value_or("").substr(0, 19);
  for (char& c : type) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return type == "multipart/form-data";
}

// The text and file name a request carries, read only as the Content-Type it claims.
Result<std::pair<std::string, std::string>> import_body(const http::Request& request) {
  // The server hands this route a multipart/form-data body already split into parts.
  if (!request.parts.empty() || is_multipart(request)) {
    const http::FormPart* file = request.part("file");
    if (file == nullptr) {
      return make_error(ErrorKind::invalid,
                        "the multipart/form-data body has no part named 'file'; send the list "
                        "as <input type=\"file\" name=\"file\">");
    }
    return std::make_pair(file->content, file->filename);
  }
  auto body = http::parse_json_body(request);
  if (!body) {
    Error error = std::move(body).error();
    if (error.native_code == http::k_unsupported_media_type) {
      error.message =
          "send {\"text\":\"…\"} as application/json, or a file as multipart/form-data "
          "in a part named 'file'";
    }
    return error;
  }
  if (!body->is_object() || !body->contains("text") || !(*body)["text"].is_string()) {
    return make_error(ErrorKind::invalid,
                      R"(the body must be a JSON object such as {"text":"Artist - Title\n…"})");
  }
  std::string name;
  if (body->contains("name") && (*body)["name"].is_string()) {
    name = (*body)["name"].get<std::string>();  // "list.csv": choose the parser as for a file
  }
  return std::make_pair((*body)["text"].get<std::string>(), name);
}

}  // namespace

http::Response v1_imports_create(ApiServices& services, const http::Request& request) {
  auto body = import_body(request);
  if (!body) {
    return http::Response::from_error(body.error());
  }
  if (body->first.find_first_not_of(" \t\r\n") == std::string::npos) {
    return http::Response::error(400, "VALIDATION_ERROR", "the import is empty");
  }
  auto id = services.imports().submit(std::move(body->first), std::move(body->second));
  if (!id) {
    return http::Response::from_error(id.error());
  }
  auto response = http::Response::json(202, {{"id", *id}, {"status", "processing"}});
  response.set_header("Location", fmt::format("/api/v1/imports/{}", *id));
  return response;
}

http::Response v1_imports_list(ApiServices& services, const http::Request& request) {
  std::size_t limit = k_default_list;
  if (const auto text = request.query_value("limit")) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1 ||
        value > k_max_list) {
      return http::Response::error(400, "VALIDATION_ERROR",
                                   fmt::format("limit must be from 1 to {}", k_max_list));
    }
    limit = value;
  }
  auto found = services.imports().list(limit);
  if (!found) {
    return http::Response::from_error(found.error());
  }
  return http::Response::json(200, {{"items", *found}});
}

http::Response v1_imports_get(ApiServices& services, const http::Request& request) {
  const auto it = request.path_params.find("id");
  const std::string text = it == request.path_params.end() ? "" : it->second;
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id < 1) {
    return http::Response::error(400, "VALIDATION_ERROR", "the import id is a positive integer");
  }
  auto found = services.imports().get(id);
  return found ? http::Response::json(200, *found) : http::Response::from_error(found.error());
}

}  // namespace harmony::harmonyd::api
