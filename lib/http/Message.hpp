#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Result.hpp"

namespace harmony::http {

// Header names compare case-insensitively (RFC 9110).
struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const noexcept;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

// One part of a multipart/form-data body (RFC 7578): a form field, or a file when `filename`
// is set (as the client sent it: only its extension may be trusted to mean anything).
struct FormPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string content;
};

// A request as handlers see it; independent of the HTTP library underneath.
struct Request {
  std::string method;
  std::string path;
  Headers headers;
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> path_params;  // from `{name}` segments of the route
  std::string body;
  // The parts of a multipart/form-data body, on routes that accept one (Route::multipart);
  // `body` is then empty.
  std::vector<FormPart> parts;
  std::string remote_addr;
  // Set by the Router before middleware runs: the matched route template ("" when none
  // matched), whether that route is open without credentials, whether it is rate limited,
  // and the request id (echoed or generated).
  std::string route;
  bool open = false;
  bool rate_limited = true;
  std::string request_id;

  std::optional<std::string> header(const std::string& name) const;
  std::optional<std::string> query_value(const std::string& name) const;
  // The first multipart part named `name`, nullptr when there is none.
  const FormPart* part(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A body produced piece by piece while it is sent (chunked), for answers too large to hold
  // in memory: called until it returns nullopt. `body` is not sent when this is set.
  std::function<std::optional<std::string>()> stream;

  static Response json(int status, const nlohmann::json& body);
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  // The error envelope {"ok":false,"error":{"code","message","meta"?}}; `meta` is left out
  // when null.
  static Response error(int status, std::string_view code, std::string_view message,
                        const nlohmann::json& meta = nullptr);
  // Maps an Error to its status and envelope (invalid → 400, not_found → 404, unavailable →
  // 503, everything else → 500 with a generic message so internals do not leak).
  static Response from_error(const Error& error);

  void set_header(std::string name, std::string value);
  std::optional<std::string> header(std::string_view name) const;
  // The whole body: `body`, or every piece `stream` still produces (in-process callers, tests).
  std::string take_body();
};

// Error::native_code of a body refused for its Content-Type; from_error() answers it with 415.
inline constexpr int k_unsupported_media_type = 415;

// Parses the body as JSON, only when Content-Type claims JSON (application/json or
// application/*+json, any parameters): anything else is ErrorKind::invalid with native_code
// k_unsupported_media_type (→ 415). Malformed or non-UTF-8 JSON is ErrorKind::invalid naming
// the byte offset (→ 400).
Result<nlohmann::json> parse_json_body(const Request& request);

}  // namespace harmony::http
