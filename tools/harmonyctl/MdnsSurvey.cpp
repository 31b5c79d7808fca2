#include "MdnsSurvey.hpp"

#include <algorithm>

#include "mdns/InstanceName.hpp"

namespace harmony::harmonyctl {

bool NameSurvey::exactly_one_local() const noexcept {
  return instances.size() == 1 && instances.front().local && !instances.front().renamed;
}

bool NameSurvey::collision() const noexcept {
  return instances.size() > 1 || any_remote() ||
         std::any_of(instances.begin(), instances.end(),
                     [](const NameInstance& i) { return i.renamed; });
}

bool NameSurvey::any_remote() const noexcept {
  return std::any_of(instances.begin(), instances.end(),
                     [](const NameInstance& i) { return !i.local; });
}

bool matches_name(std::string_view friendly, std::string_view instance, bool* renamed) noexcept {
  if (mdns::is_instance_of(friendly, instance)) {
    *renamed = false;
    return true;
  }
  // Avahi's avahi_alternative_service_name() appends " #2", " #3", ...
  const auto hash = instance.rfind(" #");
  if (hash == std::string_view::npos || hash + 2 == instance.size()) {
    return false;
  }
  const std::string_view digits = instance.substr(hash + 2);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  *renamed = true;
  return mdns::is_instance_of(friendly, instance.substr(0, hash));
}

Result<NameSurvey> survey_name(mdns::ServiceBrowser& browser, const Clock& clock,
                               const std::string& friendly, const std::string& type,
                               std::chrono::milliseconds timeout, SurveyDepth depth) {
  if (auto started = browser.browse(type); !started) {
    return std::move(started).error();
  }
  const auto deadline = clock.now() + timeout;
  std::vector<mdns::ServiceInstance> seen;
  NameSurvey survey;
  while (!survey.complete) {
    auto event = browser.next_event(deadline);
    if (!event) {
      break;
    }
    switch (event->kind) {
      case mdns::BrowseEventKind::added:
        seen.push_back(event->instance);
        break;
      case mdns::BrowseEventKind::removed:
        std::erase_if(seen, [&](const auto& s) { return s.same_as(event->instance); });
        break;
      case mdns::BrowseEventKind::all_for_now:
        survey.complete = true;
        break;
      case mdns::BrowseEventKind::disconnected:
        seen.clear();
        break;
      case mdns::BrowseEventKind::failure:
        return make_error(ErrorKind::unavailable,
                          "avahi-daemon: browsing " + type + " failed: " + event->message);
      case mdns::BrowseEventKind::cache_exhausted:
        survey.complete = depth == SurveyDepth::cache;
        break;
    }
  }
  for (const auto& instance : seen) {
    bool renamed = false;
    if (!matches_name(friendly, instance.name, &renamed)) {
      continue;
    }
    // The same instance arrives once per interface and protocol: count it once.
    auto same = std::find_if(survey.instances.begin(), survey.instances.end(),
                             [&](const NameInstance& i) { return i.name == instance.name; });
    if (same == survey.instances.end()) {
      survey.instances.push_back({instance.name, instance.local, renamed});
    } else {
      same->local = same->local && instance.local;
    }
  }
  return survey;
}

}  // namespace harmony::harmonyctl
