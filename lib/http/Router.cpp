#include "http/Router.hpp"

#include <fmt/format.h>

#include "log/Log.hpp"

namespace harmony::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool is_parameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

Router::Compiled Router::compile(const std::string& path) {
  Compiled compiled;
  for (std::string_view segment : split(path)) {
    compiled.segments.emplace_back(segment);
  }
  return compiled;
}

bool Router::matches(const Compiled& compiled, const std::vector<std::string_view>& segments,
                     std::map<std::string, std::string>* params) {
  if (compiled.segments.size() != segments.size()) {
    return false;
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = compiled.segments[i];
    if (is_parameter(want)) {
      if (segments[i].empty()) {
        return false;
      }
      if (params != nullptr) {
        (*params)[want.substr(1, want.size() - 2)] = std::string(segments[i]);
      }
    } else if (want != segments[i]) {
      return false;
    }
  }
  return true;
}

void Router::add(Route route) {
  m_compiled.push_back(compile(route.path));
  m_routes.push_back(std::move(route));
}

bool Router::accepts_multipart(std::string_view method, std::string_view path) const {
  const auto segments = split(path);
  for (std::size_t i = 0; i < m_routes.size(); ++i) {
    if (m_routes[i].method == method && matches(m_compiled[i], segments, nullptr)) {
      return m_routes[i].multipart;
    }
  }
  return false;
}

void Router::use(Middleware middleware) {
  m_middleware.push_back(std::move(middleware));
}

Response Router::dispatch(Request request) const {
  const auto segments = split(request.path);
  // HEAD is answered by the GET handler (the server drops the body).
  const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
  for (std::size_t i = 0; i < m_routes.size(); ++i) {
    if (matches(m_compiled[i], segments, nullptr)) {
      // Any route of this path decides access and limits; the method check comes later so a
      // wrong method still passes auth first and does not reveal more than a 401.
      request.open = m_routes[i].access == Access::open;
      request.rate_limited = m_routes[i].rate_limited;
      request.route = m_routes[i].path;
      if (m_routes[i].method == method) {
        break;
      }
    }
  }
  std::size_t index = 0;
  Next next = [&](Request& req) -> Response {
    if (index < m_middleware.size()) {
      const Middleware& middleware = m_middleware[index++];
      return middleware(req, next);
    }
    return route(req);
  };
  return next(request);
}

Response Router::route(Request& request) const {
  const auto segments = split(request.path);
  const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
  std::string allowed;
  for (std::size_t i = 0; i < m_routes.size(); ++i) {
    if (!matches(m_compiled[i], segments, nullptr)) {
      continue;
    }
    if (m_routes[i].method != method) {
      allowed += allowed.empty() ? m_routes[i].method : ", " + m_routes[i].method;
      continue;
    }
    matches(m_compiled[i], segments, &request.path_params);
    try {
      return m_routes[i].handler(request);
    } catch (const std::exception& e) {
      log::error(fmt::format("handler for {} {} threw: {}", method, m_routes[i].path, e.what()),
                 {{"REQUEST_ID", request.request_id}});
      return Response::error(500, "INTERNAL_ERROR", "internal error; see the daemon's log",
                             {{"route", m_routes[i].path}});
    }
  }
  if (!allowed.empty()) {
    Response response = Response::error(
        405, "METHOD_NOT_ALLOWED",
        fmt::format("{} is not allowed on {}; use {}", request.method, request.route, allowed),
        {{"allow", allowed}});
    response.set_header("Allow", allowed);
    return response;
  }
  return Response::error(404, "NOT_FOUND", "no such route",
                         {{"path", request.path.substr(0, 256)}});
}

}  // namespace harmony::http
