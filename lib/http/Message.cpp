#include "http/Message.hpp"

#include <algorithm>

#include <strings.h>

namespace harmony::http {

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const noexcept {
  return strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::optional<std::string> Request::header(const std::string& name) const {
  if (auto it = headers.find(name); it != headers.end()) {
    return it->second;
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_value(const std::string& name) const {
  if (auto it = query.find(name); it != query.end()) {
    return it->second;
  }
  return std::nullopt;
}

const FormPart* Request::part(std::string_view name) const {
  for (const FormPart& part : parts) {
    if (part.name == name) {
      return &part;
    }
  }
  return nullptr;
}

Response Response::json(int status, const nlohmann::json& body) {
  // `replace` keeps invalid UTF-8 from remote data from throwing during serialisation.
  return Response{status,
                  "application/json",
                  body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  {},
                  {}};
}

Response Response::text(int status, std::string body, std::string content_type) {
  return Response{status, std::move(content_type), std::move(body), {}, {}};
}

}  // namespace harmony::http

namespace harmony::http {

Response Response::error(int status, std::string_view code, std::string_view message,
                         const nlohmann::json& meta) {
  nlohmann::json error{{"code", code}, {"message", message}};
  if (!meta.is_null()) {
    error["meta"] = meta;
  }
  return json(status, {{"ok", false}, {"error", std::move(error)}});
}

std::string Response::take_body() {
  if (!stream) {
    return body;
  }
  std::string all;
  while (auto piece = stream()) {
    all += *piece;
  }
  return all;
}

Response Response::from_error(const Error& error) {
  switch (error.kind) {
    case ErrorKind::invalid:
    case ErrorKind::usage:
      if (error.native_code == k_unsupported_media_type) {
        return Response::error(415, "UNSUPPORTED_MEDIA_TYPE", error.message);
      }
      return Response::error(400, "VALIDATION_ERROR", error.message);
    case ErrorKind::not_found:
      return Response::error(404, "NOT_FOUND", error.message);
    case ErrorKind::unavailable:
      return Response::error(503, "DEPENDENCY_ERROR", error.message);
    default:
      return Response::error(500, "INTERNAL_ERROR", "internal error; see the daemon's log");
  }
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [existing, current] : headers) {
    if (strcasecmp(existing.c_str(), name.c_str()) == 0) {
      current = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  const std::string wanted(name);
  for (const auto& [existing, value] : headers) {
    if (strcasecmp(existing.c_str(), wanted.c_str()) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

bool claims_json(const Request& request) {
  const auto type = request.header("Content-Type");
  if (!type) {
    return false;
  }
  std::string media = type->substr(0, type->find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) {
    media.pop_back();
  }
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return media == "application/json" ||
         (media.starts_with("application/") && media.ends_with("+json"));
}

Result<nlohmann::json> parse_json_body(const Request& request) {
  // A body is read only as what it claims to be: a browser may send text/plain or a form to any
  // origin without asking first, JSON it may not.
  if (!claims_json(request)) {
    return make_error(ErrorKind::invalid,
                      "the body must be sent with Content-Type: application/json",
                      k_unsupported_media_type);
  }
  try {
    return nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return make_error(ErrorKind::invalid,
                      "request body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
}

}  // namespace harmony::http
