#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.hpp"
#include "log/Log.hpp"

namespace harmony::watchdog {

using std::chrono::milliseconds;

// One log rule: a line matching any of `patterns` and none of `unless` is a detection with
// `reason`. Patterns are RE2; `line` is where the rule starts in the file, for messages.
struct RuleSettings {
  std::string reason;
  std::vector<std::string> patterns;
  std::vector<std::string> unless;
  bool ignore_case = true;
  int line = 0;
};

struct PolicySettings {
  milliseconds grace{30'000};  // detections ignored this long after the target starts
  int debounce_count = 1;      // matches needed within debounce_window before acting
  milliseconds debounce_window{10'000};
  milliseconds cooldown_initial{10'000};   // wait after a recovery before the next one
  milliseconds cooldown_cap{300'000};      // doubling on each failed recovery stops here
  milliseconds cooldown_reset{600'000};    // this long without trouble resets the cooldown
  int give_up_restarts = 5;                // this many recoveries within give_up_window ...
  milliseconds give_up_window{1'800'000};  // ... and the watchdog stops acting for the target
};

struct TimeoutSettings {
  milliseconds stop{20'000};       // StopUnit job; then the container gets SIGKILL
  milliseconds kill{10'000};       // after SIGKILL, for the container to be gone
  milliseconds start{90'000};      // StartUnit job (hooks included)
  milliseconds healthy{45'000};    // after start, until healthy (same rules as wait-for-container)
  milliseconds stable{2'000};      // healthy must keep holding this long
  milliseconds dependent{30'000};  // RestartUnit of each dependent
};

struct HealthUrlSettings {
  std::string url;
  milliseconds interval{10'000};
  milliseconds timeout{2'000};
  int failures = 3;  // consecutive failed probes before a detection
};

struct MdnsSettings {
  std::string type;
  std::string name;      // the advertised friendly name, or ...
  std::string env_file;  // ... read FRIENDLY_NAME from this dotenv file at check time
};

struct TargetSettings {
  std::string name;  // for logs, STATUS, metrics labels: "tidal"
  std::string unit;
  std::string container;
  std::string process;  // RE2 searched in the container's process list (like pgrep -f)
  milliseconds process_interval{10'000};
  std::vector<std::string> events{"die", "oom", "health_status: unhealthy"};
  std::optional<HealthUrlSettings> health;
  std::vector<RuleSettings> rules;
  std::vector<std::string> dependents;
  std::optional<MdnsSettings> mdns;
  PolicySettings policy;
  TimeoutSettings timeouts;
};

struct HttpSettings {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = no endpoint
};

struct Settings {
  std::string config_file;
  log::Level log_level = log::Level::info;
  HttpSettings http;
  std::vector<TargetSettings> targets;
};

// Reads and validates the YAML file. Every error is ErrorKind::config and names the file, the
// line and the key: unknown keys, wrong types, durations like "5x", RE2 patterns that do not
// compile, missing required keys, duplicate target names.
Result<Settings> load_settings(const std::string& path);
Result<Settings> parse_settings(const std::string& yaml_text, const std::string& source_name);

}  // namespace harmony::watchdog
