#include "wire/Url.hpp"

#include <fmt/format.h>
#include <http_parser.h>
#include <strings.h>

#include "core/UrlEncode.hpp"

namespace harmony::wire {
namespace {

std::string_view field(std::string_view url, const http_parser_url& parts, int which) {
  if ((parts.field_set & (1u << which)) == 0) {
    return {};
  }
  return url.substr(parts.field_data[which].off, parts.field_data[which].len);
}

bool is_scheme(std::string_view schema, std::string_view name) {
  return schema.size() == name.size() && strncasecmp(schema.data(), name.data(), name.size()) == 0;
}

Result<HttpUrl> parse(std::string_view url, bool with_tls) {
  http_parser_url parts{};
  http_parser_url_init(&parts);
  const auto refuse = [&](std::string_view why) {
    return make_error(ErrorKind::config, fmt::format("URL '{}': {}", without_query(url), why));
  };
  if (url.size() > 4096 || http_parser_parse_url(url.data(), url.size(), 0, &parts) != 0) {
    return refuse(with_tls ? "not a URL; expected http(s)://host[:port]/path"
                           : "not a URL; expected http://host[:port]/path");
  }
  const auto schema = field(url, parts, UF_SCHEMA);
  HttpUrl result;
  result.tls = is_scheme(schema, "https");
  if (result.tls && !with_tls) {
    return refuse(
        "https is not spoken here (no TLS in this program); use the http:// address of "
        "a service on this host or the LAN");
  }
  if (!result.tls && !is_scheme(schema, "http")) {
    return refuse(with_tls ? "only http:// and https:// URLs are supported"
                           : "only http:// URLs are supported");
  }
  if ((parts.field_set & (1u << UF_USERINFO)) != 0) {
    return refuse("user info (user:password@) in the URL is not supported");
  }
  result.host = std::string(field(url, parts, UF_HOST));
  if (result.host.empty()) {
    return refuse("the URL names no host");
  }
  if ((parts.field_set & (1u << UF_PORT)) != 0) {
    if (parts.port == 0) {
      return refuse("port 0 cannot be connected to");
    }
    result.port = parts.port;
  } else if (result.tls) {
    result.port = 443;
  }
  const auto path = field(url, parts, UF_PATH);
  const auto query = field(url, parts, UF_QUERY);
  result.target = path.empty() ? "/" : std::string(path);
  if (!query.empty()) {
    result.target += '?';
    result.target += query;
  }
  result.shown = std::string(without_query(url));
  return result;
}

}  // namespace

Result<HttpUrl> parse_http_url(std::string_view url) {
  return parse(url, false);
}

Result<HttpUrl> parse_web_url(std::string_view url) {
  return parse(url, true);
}

}  // namespace harmony::wire
