#include "NameFix.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "MdnsSurvey.hpp"
#include "core/ExitCode.hpp"
#include "mdns/ClearWaiter.hpp"
#include "mdns/InstanceName.hpp"

namespace harmony::harmonyctl {
namespace {

constexpr auto k_look_again = std::chrono::milliseconds(500);

std::string describe(const NameSurvey& survey) {
  if (survey.instances.empty()) {
    return "no instance";
  }
  std::string text;
  for (const NameInstance& i : survey.instances) {
    text += fmt::format("{}'{}' ({}{})", text.empty() ? "" : ", ", mdns::printable(i.name),
                        i.local ? "this host" : "another host", i.renamed ? ", renamed" : "");
  }
  return text;
}

int unavailable(const std::function<void(const std::string&)>& say, const std::string& why,
                const std::string& next) {
  say(fmt::format("ERROR: {}; {}", why, next));
  return exit_code::k_unavailable;
}

}  // namespace

int fix_name_collision(const NameFixRequest& request, systemd::UnitController& units,
                       mdns::ServiceBrowser& browser, const Clock& clock,
                       const std::function<void(const std::string&)>& say) {
  const Stack& stack = request.stack;
  const std::string& name = request.friendly_name;
  auto state = units.active_state(stack.unit);
  if (!state) {
    return unavailable(say, state.error().message, "run this on the speaker's host, as root");
  }
  auto before = survey_name(browser, clock, name, stack.mdns_type, request.timeout);
  if (!before) {
    return unavailable(say, before.error().message, "`systemctl start avahi-daemon` first");
  }
  if (*state == "active" && before->exactly_one_local()) {
    say(fmt::format("nothing to fix: '{}' is advertised once, by this host ({})", name,
                    describe(*before)));
    return exit_code::k_ok;
  }
  say(fmt::format("{} is {}; '{}' is advertised as: {}", stack.unit, *state, name,
                  describe(*before)));

  // Dependents stop with the speaker (BindsTo=); bring back the ones that were running.
  bool bridge_was_active = false;
  if (!stack.bridge_unit.empty()) {
    auto bridge = units.active_state(stack.bridge_unit);
    bridge_was_active = bridge && *bridge == "active";
  }
  say(fmt::format("stopping {}", stack.unit));
  auto stopped = units.stop(stack.unit, request.job_timeout);
  if (!stopped || !stopped->ok()) {
    say(fmt::format("ERROR: stopping {} did not finish ({}); see `journalctl -u {} -n 50`",
                    stack.unit, stopped ? stopped->result : stopped.error().message, stack.unit));
    return exit_code::k_failure;
  }

  mdns::ClearWaiter waiter(browser, clock);
  mdns::ClearOptions clear;
  clear.name = name;
  clear.type = stack.mdns_type;
  clear.timeout = request.clear_timeout;
  auto cleared = waiter.wait(clear);
  std::string clear_note;
  if (!cleared || cleared->verdict == mdns::ClearVerdict::unavailable) {
    clear_note = cleared ? cleared->message : cleared.error().message;
    say(fmt::format("WARNING: cannot watch the name clear ({}); starting anyway", clear_note));
  } else if (cleared->verdict == mdns::ClearVerdict::timed_out) {
    say(fmt::format(
        "WARNING: '{}' is still advertised after {} s; starting anyway", name,
        std::chrono::duration_cast<std::chrono::seconds>(request.clear_timeout).count()));
  } else {
    say(fmt::format("'{}' has cleared{}", name,
                    cleared->by_goodbye ? " (its last instance said goodbye)" : ""));
  }

  say(fmt::format("starting {}", stack.unit));
  auto started = units.start(stack.unit, request.job_timeout);
  if (!started || !started->ok()) {
    say(fmt::format("ERROR: starting {} did not finish ({}); see `journalctl -u {} -n 50`",
                    stack.unit, started ? started->result : started.error().message, stack.unit));
    return exit_code::k_failure;
  }
  if (bridge_was_active) {
    auto bridge = units.start(stack.bridge_unit, request.job_timeout);
    if (!bridge || !bridge->ok()) {
      say(fmt::format("WARNING: starting {} did not finish; `systemctl start {}`",
                      stack.bridge_unit, stack.bridge_unit));
    }
  }

  // The speaker registers a moment after its unit is up: look again until it shows up once.
  const auto deadline = clock.now() + request.appear_timeout;
  NameSurvey last;
  do {
    auto after = survey_name(browser, clock, name, stack.mdns_type, request.timeout);
    if (!after) {
      return unavailable(say, after.error().message, "`systemctl start avahi-daemon`");
    }
    last = std::move(*after);
    if (last.exactly_one_local()) {
      say(fmt::format("fixed: '{}' is advertised once, by this host ({})", name, describe(last)));
      return exit_code::k_ok;
    }
    // Let the daemon's news (our registration) arrive before the next look.
    (void)browser.next_event(std::min(deadline, clock.now() + k_look_again));
  } while (clock.now() < deadline);
  if (last.any_remote()) {
    say(
        fmt::format("ERROR: another device advertises '{}' ({}); give this speaker another "
                    "FRIENDLY_NAME in {} and `systemctl restart {}`",
                    name, describe(last), stack.env_file, stack.unit));
  } else {
    say(
        fmt::format("ERROR: '{}' is advertised as {} after the restart; see `journalctl -u {} "
                    "-n 50` and `harmonyctl status`",
                    name, describe(last), stack.unit));
  }
  return exit_code::k_failure;
}

}  // namespace harmony::harmonyctl
