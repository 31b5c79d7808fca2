#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/Message.hpp"

namespace harmony::http {

using Handler = std::function<Response(const Request&)>;

// Who may call a route when API keys are configured: `open` routes (health probes) never ask
// for a key; `guarded` ones do.
enum class Access { guarded, open };

// One row of a routing table. `path` may hold `{name}` segments, delivered in path_params.
// `rate_limited = false` exempts probes that orchestrators call on a schedule. Only a route
// with `multipart = true` is handed multipart/form-data bodies (as Request::parts); the server
// answers 415 to such a body on any other route before reading it.
struct Route {
  std::string method;
  std::string path;
  Handler handler;
  Access access = Access::guarded;
  bool rate_limited = true;
  bool multipart = false;
};

using Next = std::function<Response(Request&)>;
// Wraps the rest of the chain: may answer itself (401, 429, preflight) or call `next` and
// decorate its response. Must be thread-safe and must not throw.
using Middleware = std::function<Response(Request&, const Next& next)>;

// Matches requests against a route table and runs them through the middleware chain.
// Independent of the HTTP library, so the whole pipeline is unit-testable without sockets.
// Configure (add/use) before serving; dispatch() is then thread-safe.
class Router {
 public:
  void add(Route route);
  // Middleware runs in the order added, outermost first.
  void use(Middleware middleware);
  const std::vector<Route>& routes() const noexcept { return m_routes; }
  // Whether the route that `method` and `path` reach takes multipart/form-data bodies.
  bool accepts_multipart(std::string_view method, std::string_view path) const;

  // Fills request.route/open/rate_limited/path_params, runs the chain and the handler.
  // No route for the path → 404, path known but not the method → 405 with Allow, an
  // exception from a handler → 500; all in the error envelope.
  Response dispatch(Request request) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a parameter
  };
  static Compiled compile(const std::string& path);
  static bool matches(const Compiled& compiled, const std::vector<std::string_view>& segments,
                      std::map<std::string, std::string>* params);
  Response route(Request& request) const;

  std::vector<Route> m_routes;
  std::vector<Compiled> m_compiled;
  std::vector<Middleware> m_middleware;
};

}  // namespace harmony::http
