#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace harmony::http {

// Header names compare case-insensitively (RFC 9110).
struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const noexcept;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

// A request as handlers see it; independent of the HTTP library underneath.
struct Request {
  std::string method;
  std::string path;
  Headers headers;
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> path_params;  // from `{name}` segments of the route
  std::string body;
  std::string remote_addr;

  std::optional<std::string> header(const std::string& name) const;
  std::optional<std::string> query_value(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, const nlohmann::json& body);
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
};

}  // namespace harmony::http
