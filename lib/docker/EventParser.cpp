#include "docker/EventParser.hpp"

#include <nlohmann/json.hpp>

namespace harmony::docker {
namespace {

std::string string_at(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

}  // namespace

std::optional<containers::ContainerEvent> parse_event_line(std::string_view line) {
  const auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return std::nullopt;
  }
  const auto type = string_at(json, "Type");
  if (!type.empty() && type != "container") {
    return std::nullopt;
  }
  containers::ContainerEvent event;
  event.action = string_at(json, "Action");
  const auto actor = json.find("Actor");
  if (actor == json.end() || !actor->is_object() || event.action.empty()) {
    return std::nullopt;
  }
  event.id = string_at(*actor, "ID");
  const auto attributes = actor->find("Attributes");
  if (attributes != actor->end() && attributes->is_object()) {
    event.name = string_at(*attributes, "name");
  }
  const auto nano = json.find("timeNano");
  if (nano != json.end() && nano->is_number_integer()) {
    event.time_nano = nano->get<std::int64_t>();
  }
  if (event.id.empty()) {
    return std::nullopt;
  }
  return event;
}

}  // namespace harmony::docker
