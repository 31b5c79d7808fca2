#include "Commands.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "Bounded.hpp"
#include "FriendlyName.hpp"
#include "NameFix.hpp"
#include "Render.hpp"
#include "StatusCollector.hpp"
#include "core/ExitCode.hpp"
#include "docker/DockerHost.hpp"
#include "docker/DockerRuntime.hpp"
#include "http/Client.hpp"
#include "mdns/AvahiConnection.hpp"
#include "mdns/AvahiServiceBrowser.hpp"
#include "systemd/DbusUnitController.hpp"

namespace harmony::harmonyctl {
namespace {

// Status files are small; anything longer is not ours.
constexpr std::size_t k_max_status_file_bytes = std::size_t{64} * 1024;

Result<std::string> read_small_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorKind::not_found, fmt::format("{} cannot be read", path));
  }
  std::string content(k_max_status_file_bytes + 1, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (content.size() > k_max_status_file_bytes) {
    return make_error(ErrorKind::invalid, fmt::format("{} is larger than 64 KiB", path));
  }
  return content;
}

struct FriendlyNameLookup {
  std::string name;
  std::string error;
};

FriendlyNameLookup friendly_name(const Options& options) {
  if (options.stack.mdns_type.empty()) {
    return {};
  }
  auto found = mdns_tools::find_friendly_name(
      {options.name, options.env_file, options.env_file_given || options.name.empty()});
  if (!found) {
    return {"", found.error().message};
  }
  if (!*found) {
    return {"", fmt::format("no FRIENDLY_NAME in {}", options.env_file)};
  }
  return {(*found)->value, ""};
}

using UnitsPtr = std::unique_ptr<systemd::DbusUnitController>;
using AvahiPtr = std::unique_ptr<mdns::AvahiConnection>;

Result<UnitsPtr> connect_systemd(std::chrono::milliseconds timeout) {
  return within<UnitsPtr>(timeout, "systemd on the system bus",
                          [timeout] { return systemd::DbusUnitController::connect(timeout); });
}

Result<AvahiPtr> connect_avahi(std::chrono::milliseconds timeout) {
  return within<AvahiPtr>(timeout, "avahi-daemon on the system bus", [] {
    return mdns::AvahiConnection::open(mdns::AvahiConnection::Mode::fail_fast);
  });
}

}  // namespace

int run_status(const Options& options) {
  SystemClock clock;
  Sources sources;
  sources.clock = &clock;

  auto units = connect_systemd(options.timeout);
  if (units) {
    sources.units = units->get();
  } else {
    sources.units_error = units.error().message;
  }

  auto socket = docker::socket_path_from_environment();
  if (!socket) {
    fmt::print(stderr, "harmonyctl: {}\n", socket.error().message);
    return exit_code_for(socket.error().kind);
  }
  docker::EngineClient engine(*socket, options.timeout);
  docker::DockerRuntime runtime(engine);
  sources.containers = &runtime;

  std::unique_ptr<mdns::AvahiConnection> avahi;
  std::unique_ptr<mdns::AvahiBrowser> browser;
  if (!options.stack.mdns_type.empty()) {
    auto opened = connect_avahi(options.timeout);
    if (opened) {
      avahi = std::move(*opened);
      browser = std::make_unique<mdns::AvahiBrowser>(*avahi);
      sources.browser = browser.get();
    } else {
      sources.browser_error = opened.error().message;
    }
  }
  sources.http_get = [&](const std::string& url) -> Result<std::string> {
    http::ClientRequest request;
    request.url = url;
    request.timeout = options.timeout;
    auto response = http::get(request);
    if (!response) {
      return std::move(response).error();
    }
    if (response->status != 200 && response->status != 503) {  // 503: the watchdog is stuck
      return make_error(ErrorKind::invalid,
                        fmt::format("{} answered HTTP {}", url, response->status));
    }
    return response->body;
  };
  sources.read_file = read_small_file;

  const FriendlyNameLookup name = friendly_name(options);
  StatusRequest request{options.stack, name.name, name.error, options.timeout};
  const StatusReport report = collect_status(request, sources);
  const std::string out = options.json ? render_json(report) : render_text(report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return report.exit_code;
}

int run_fix_name_collision(const Options& options) {
  const FriendlyNameLookup name = friendly_name(options);
  if (name.name.empty()) {
    fmt::print(stderr, "harmonyctl: {}; set FRIENDLY_NAME in {} or pass --name\n", name.error,
               options.env_file);
    return exit_code::k_config;
  }
  auto units = connect_systemd(options.timeout);
  if (!units) {
    fmt::print(stderr, "harmonyctl: {}\n", units.error().message);
    return exit_code::k_unavailable;
  }
  auto avahi = connect_avahi(options.timeout);
  if (!avahi) {
    fmt::print(stderr, "harmonyctl: avahi-daemon: {}; `systemctl start avahi-daemon`\n",
               avahi.error().message);
    return exit_code::k_unavailable;
  }
  mdns::AvahiBrowser browser(**avahi);
  SystemClock clock;
  NameFixRequest request;
  request.stack = options.stack;
  request.friendly_name = name.name;
  request.timeout = options.timeout;
  request.job_timeout = options.job_timeout;
  request.clear_timeout = options.clear_timeout;
  return fix_name_collision(request, **units, browser, clock, [](const std::string& line) {
    fmt::print("{}\n", line);
    std::fflush(stdout);
  });
}

}  // namespace harmony::harmonyctl
