#include "container/Healthcheck.hpp"

#include <fmt/format.h>

#include "config/Settings.hpp"
#include "core/ExitCode.hpp"
#include "wire/Client.hpp"

namespace harmony::harmonyd::container {
namespace {

// A wildcard listen address is reached over loopback; IPv6 literals need brackets in a URL.
std::string probe_host(const std::string& listen) {
  if (listen.empty() || listen == "0.0.0.0") {
    return "127.0.0.1";
  }
  if (listen == "::") {
    return "[::1]";
  }
  return listen.find(':') != std::string::npos ? "[" + listen + "]" : listen;
}

}  // namespace

int run_healthcheck(const HealthcheckOptions& options) {
  std::string url = options.url;
  if (url.empty()) {
    auto settings = config::load_settings({});
    if (!settings) {
      fmt::print(stderr, "harmonyd healthcheck: {}\n", settings.error().message);
      return exit_code::k_config;
    }
    url = fmt::format("http://{}:{}/api/health/live", probe_host(settings->host), settings->port);
  }
  if (auto probed = wire::probe_url(url, options.timeout); !probed) {
    fmt::print(stderr, "harmonyd healthcheck: unhealthy: {}\n", probed.error().message);
    return exit_code::k_failure;
  }
  fmt::print("harmonyd healthcheck: {} is live\n", url);
  return exit_code::k_ok;
}

}  // namespace harmony::harmonyd::container
