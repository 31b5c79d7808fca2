#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "Report.hpp"
#include "Stack.hpp"
#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "mdns/ServiceBrowser.hpp"

namespace harmony::harmonyctl {

// The outside world `harmonyctl status` looks at. A null port carries the reason it could not
// be had (`*_error`), which the report then shows as a dependency that is down.
struct Sources {
  systemd::UnitController* units = nullptr;
  std::string units_error;
  containers::ContainerRuntime* containers = nullptr;
  mdns::ServiceBrowser* browser = nullptr;
  std::string browser_error;
  // GET of a URL, returning a 200's body; other statuses and transport failures are errors.
  std::function<Result<std::string>(const std::string& url)> http_get;
  // A small local file's content (ErrorKind::not_found when absent).
  std::function<Result<std::string>(const std::string& path)> read_file;
  const Clock* clock = nullptr;
};

struct StatusRequest {
  Stack stack;
  std::string friendly_name;  // empty: the name could not be determined (name_error says why)
  std::string name_error;
  std::chrono::milliseconds timeout{3000};  // bounds each question to a dependency
};

// Asks every source once and judges the answers (see assess()). Never throws for a dead
// dependency: that is a problem in the report.
StatusReport collect_status(const StatusRequest& request, Sources& sources);

// Fills report.problems and report.exit_code: 0 all well, 1 degraded, 69 a dependency down.
void assess(StatusReport& report, const Stack& stack);

}  // namespace harmony::harmonyctl
