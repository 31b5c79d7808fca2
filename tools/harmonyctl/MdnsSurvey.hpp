#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/Clock.hpp"
#include "core/Result.hpp"
#include "mdns/ServiceBrowser.hpp"

namespace harmony::harmonyctl {

// One advertised instance of the speaker's name, however many interfaces carry it.
struct NameInstance {
  std::string name;      // raw instance label
  bool local = false;    // announced by this host's own avahi-daemon
  bool renamed = false;  // Avahi's alternative name ("<name> #2"): the twin of a collision
};

struct NameSurvey {
  std::vector<NameInstance> instances;
  bool complete = false;  // the browser said ALL_FOR_NOW (or, for `cache`, CACHE_EXHAUSTED)

  // Exactly one instance, announced by this host, under its own name.
  bool exactly_one_local() const noexcept;
  // More than one instance of the name, a renamed twin, or another host using the name.
  bool collision() const noexcept;
  bool any_remote() const noexcept;
};

// True for "<friendly>", "<friendly>-<32 hex>" and the same followed by Avahi's " #N".
bool matches_name(std::string_view friendly, std::string_view instance, bool* renamed) noexcept;

// How far a survey looks. `cache`: what the daemon already knows (it caches every
// announcement it hears), answered at once with CACHE_EXHAUSTED; enough for a status screen.
// `network`: also ask the network, until ALL_FOR_NOW (about a second); for a verdict that acts.
enum class SurveyDepth { cache, network };

// Browses `type` once until the depth's end or `timeout` and keeps the instances of `friendly`.
// Errors: the daemon cannot be asked (ErrorKind::unavailable) or a failure it reports.
Result<NameSurvey> survey_name(mdns::ServiceBrowser& browser, const Clock& clock,
                               const std::string& friendly, const std::string& type,
                               std::chrono::milliseconds timeout,
                               SurveyDepth depth = SurveyDepth::network);

}  // namespace harmony::harmonyctl
