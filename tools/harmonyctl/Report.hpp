#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "MdnsSurvey.hpp"
#include "containers/ContainerRuntime.hpp"
#include "systemd/UnitController.hpp"

namespace harmony::harmonyctl {

// Everything `harmonyctl status` found out, before it is judged or printed. Each part keeps
// the error that prevented it instead of a value, so one dead dependency never hides the rest.
struct UnitFacts {
  std::string unit;
  std::optional<systemd::UnitStatus> status;
  std::string error;
};

struct ContainerFacts {
  std::string name;
  // Nothing when no container has exactly this name (or the engine could not be asked).
  std::optional<containers::ContainerState> state;
  std::string error;
  bool engine_down = false;
};

struct MdnsFacts {
  bool wanted = false;  // the stack advertises a service
  std::string friendly_name;
  std::string type;
  std::optional<NameSurvey> survey;
  std::string error;
  bool daemon_down = false;
};

struct WatchdogFacts {
  bool answered = false;
  std::string state;  // ok | recovering | cooling down | GAVE UP | stopped by operator, left alone
  int restarts_today = 0;
  std::string last_reason;
  std::int64_t last_at = 0;  // Unix seconds of the last recovery; 0 when none
  std::string error;
};

struct BridgeFacts {
  bool wanted = false;
  bool present = false;
  std::string state;
  std::string artist;
  std::string title;
  std::optional<int> volume;  // 0..38 as the speaker shows it; nothing when unknown
  std::int64_t timestamp = 0;
  std::string error;
};

// One thing wrong, said for a person: what is wrong (naming the unit, container, name or
// file) and the next thing to do about it.
struct Problem {
  std::string what;
  std::string next;
  bool dependency_down = false;  // systemd, Docker or Avahi cannot be asked: exit 69
};

struct StatusReport {
  std::string stack;
  std::int64_t checked_at = 0;  // Unix seconds
  std::vector<UnitFacts> units;
  ContainerFacts container;
  MdnsFacts mdns;
  WatchdogFacts watchdog;
  BridgeFacts bridge;
  std::vector<Problem> problems;
  int exit_code = 0;
};

}  // namespace harmony::harmonyctl
