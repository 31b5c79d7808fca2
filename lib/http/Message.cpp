#include "http/Message.hpp"

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

Response Response::json(int status, const nlohmann::json& body) {
  // `replace` keeps invalid UTF-8 from remote data from throwing during serialisation.
  return Response{status,
                  "application/json",
                  body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  {}};
}

Response Response::text(int status, std::string body, std::string content_type) {
  return Response{status, std::move(content_type), std::move(body), {}};
}

}  // namespace harmony::http
