#include "StatusCollector.hpp"

#include <fmt/format.h>

#include "PeerStatus.hpp"

namespace harmony::harmonyctl {
namespace {

UnitFacts unit_facts(Sources& sources, const std::string& unit) {
  UnitFacts facts{unit, std::nullopt, {}};
  if (sources.units == nullptr) {
    facts.error = sources.units_error;
    return facts;
  }
  auto status = sources.units->status(unit);
  if (status) {
    facts.status = std::move(*status);
  } else {
    facts.error = status.error().message;
  }
  return facts;
}

ContainerFacts container_facts(Sources& sources, const std::string& name) {
  ContainerFacts facts;
  facts.name = name;
  auto inspected = sources.containers->inspect(name);
  if (!inspected) {
    facts.error = inspected.error().message;
    facts.engine_down = inspected.error().kind == ErrorKind::unavailable;
    return facts;
  }
  facts.state = std::move(*inspected);
  return facts;
}

MdnsFacts mdns_facts(const StatusRequest& request, Sources& sources) {
  MdnsFacts facts;
  facts.wanted = !request.stack.mdns_type.empty();
  facts.type = request.stack.mdns_type;
  facts.friendly_name = request.friendly_name;
  if (!facts.wanted) {
    return facts;
  }
  if (request.friendly_name.empty()) {
    facts.error = request.name_error;
    return facts;
  }
  if (sources.browser == nullptr) {
    facts.error = sources.browser_error;
    facts.daemon_down = true;
    return facts;
  }
  auto survey = survey_name(*sources.browser, *sources.clock, request.friendly_name,
                            request.stack.mdns_type, request.timeout, SurveyDepth::cache);
  if (!survey) {
    facts.error = survey.error().message;
    facts.daemon_down = survey.error().kind == ErrorKind::unavailable;
    return facts;
  }
  facts.survey = std::move(*survey);
  return facts;
}

WatchdogFacts watchdog_facts(const Stack& stack, Sources& sources) {
  auto body = sources.http_get(stack.watchdog_url);
  if (!body) {
    WatchdogFacts facts;
    facts.error = body.error().message;
    return facts;
  }
  auto facts = parse_watchdog_health(*body, stack.watchdog_target);
  if (!facts) {
    WatchdogFacts failed;
    failed.error = fmt::format("{}: {}", stack.watchdog_url, facts.error().message);
    return failed;
  }
  return std::move(*facts);
}

BridgeFacts bridge_facts(const Stack& stack, Sources& sources) {
  BridgeFacts facts;
  facts.wanted = !stack.bridge_unit.empty();
  if (!facts.wanted) {
    return facts;
  }
  auto body = sources.read_file(stack.bridge_status_file);
  if (!body) {
    facts.error = body.error().message;
    return facts;
  }
  auto parsed = parse_bridge_status(*body, stack.bridge_status_file);
  if (!parsed) {
    facts.error = parsed.error().message;
    return facts;
  }
  return std::move(*parsed);
}

}  // namespace

StatusReport collect_status(const StatusRequest& request, Sources& sources) {
  const Stack& stack = request.stack;
  StatusReport report;
  report.stack = stack.name;
  report.checked_at =
      std::chrono::duration_cast<std::chrono::seconds>(sources.clock->wall_now().time_since_epoch())
          .count();
  for (const std::string& unit : {stack.unit, stack.watchdog_unit, stack.bridge_unit}) {
    if (!unit.empty()) {
      report.units.push_back(unit_facts(sources, unit));
    }
  }
  report.container = container_facts(sources, stack.container);
  report.mdns = mdns_facts(request, sources);
  report.watchdog = watchdog_facts(stack, sources);
  report.bridge = bridge_facts(stack, sources);
  assess(report, stack);
  return report;
}

}  // namespace harmony::harmonyctl
