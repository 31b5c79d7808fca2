#include "docker/EngineClient.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>

namespace harmony::docker {
namespace {

constexpr int k_client_major = 1;
constexpr int k_client_minor = 41;

using nlohmann::json;

std::string str(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool flag(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::int64_t number(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// A member of an object, or null when absent; never throws on unexpected shapes.
const json& member(const json& object, const char* key) {
  static const json null_value;
  if (!object.is_object()) {
    return null_value;
  }
  const auto it = object.find(key);
  return it != object.end() ? *it : null_value;
}

Result<json> parse_body(const Response& response, std::string_view what) {
  auto parsed = json::parse(response.body, nullptr, false);
  if (parsed.is_discarded()) {
    return make_error(ErrorKind::invalid,
                      fmt::format("Docker engine sent invalid JSON for {}", what));
  }
  return parsed;
}

std::string strip_slash(std::string name) {
  if (!name.empty() && name.front() == '/') {
    name.erase(0, 1);
  }
  return name;
}

}  // namespace

std::string encode_filters(const Filters& filters) {
  json object = json::object();
  for (const auto& [key, values] : filters) {
    object[key] = values;
  }
  return Transport::escape(object.dump());
}

std::vector<std::string> TopResult::command_lines() const {
  std::size_t column = titles.size();
  for (std::size_t i = 0; i < titles.size(); ++i) {
    if (titles[i] == "CMD" || titles[i] == "COMMAND") {
      column = i;
    }
  }
  std::vector<std::string> lines;
  for (const auto& process : processes) {
    if (column < process.size()) {
      lines.push_back(process[column]);
    }
  }
  return lines;
}

EngineClient::EngineClient(std::string socket_path, std::chrono::milliseconds timeout)
    : m_transport(std::move(socket_path), timeout), m_timeout(timeout) {}

Result<std::string> EngineClient::api_version() {
  std::lock_guard lock(m_version_mutex);
  if (!m_version.empty()) {
    return m_version;
  }
  auto ping = m_transport.request("GET", "/_ping");
  if (!ping) {
    return std::move(ping).error();
  }
  if (ping->status != 200) {
    return api_error(*ping, "the version check (/_ping)");
  }
  int major = k_client_major;
  int minor = k_client_minor;
  int engine_major = 0;
  int engine_minor = 0;
  if (std::sscanf(ping->api_version.c_str(), "%d.%d", &engine_major, &engine_minor) == 2 &&
      (engine_major < major || (engine_major == major && engine_minor < minor))) {
    major = engine_major;
    minor = engine_minor;
  }
  m_version = fmt::format("v{}.{}", major, minor);
  return m_version;
}

Result<std::string> EngineClient::versioned(const std::string& path) {
  auto version = api_version();
  if (!version) {
    return std::move(version).error();
  }
  return "/" + *version + path;
}

Result<Response> EngineClient::call(std::string_view method, const std::string& path,
                                    const std::string& body,
                                    std::optional<std::chrono::milliseconds> timeout) {
  auto full = versioned(path);
  if (!full) {
    return std::move(full).error();
  }
  return m_transport.request(method, *full, body, timeout);
}

Result<void> EngineClient::expect_no_content(std::string_view method, const std::string& path,
                                             std::string_view what,
                                             std::optional<std::chrono::milliseconds> timeout) {
  auto response = call(method, path, {}, timeout);
  if (!response) {
    return std::move(response).error();
  }
  // 304: already in the requested state (start of a running, stop of a stopped container).
  if (response->status / 100 == 2 || response->status == 304) {
    return {};
  }
  return api_error(*response, what);
}

Result<ContainerState> EngineClient::inspect(const std::string& name_or_id) {
  auto response = call("GET", "/containers/" + Transport::escape(name_or_id) + "/json");
  if (!response) {
    return std::move(response).error();
  }
  const auto what = fmt::format("inspect of container '{}'", name_or_id);
  if (response->status != 200) {
    return api_error(*response, what);
  }
  auto body = parse_body(*response, what);
  if (!body || !body->is_object()) {
    return make_error(ErrorKind::invalid, fmt::format("Docker engine sent no object for {}", what));
  }
  ContainerState state;
  state.id = str(*body, "Id");
  state.name = strip_slash(str(*body, "Name"));
  const json& s = member(*body, "State");
  if (s.is_object()) {
    state.status = str(s, "Status");
    state.restarting = flag(s, "Restarting");
    state.exit_code = static_cast<int>(number(s, "ExitCode"));
    const json& health = member(s, "Health");
    if (health.is_object()) {
      state.health = str(health, "Status");
    }
  }
  const json& config = member(*body, "Config");
  if (config.is_object()) {
    state.tty = flag(config, "Tty");
  }
  state.restart_count = static_cast<int>(number(*body, "RestartCount"));
  return state;
}

Result<std::vector<ContainerSummary>> EngineClient::list(const Filters& filters, bool all) {
  std::string path = fmt::format("/containers/json?all={}", all ? 1 : 0);
  if (!filters.empty()) {
    path += "&filters=" + encode_filters(filters);
  }
  auto response = call("GET", path);
  if (!response) {
    return std::move(response).error();
  }
  if (response->status != 200) {
    return api_error(*response, "the container list");
  }
  auto body = parse_body(*response, "the container list");
  if (!body || !body->is_array()) {
    return make_error(ErrorKind::invalid, "Docker engine sent no array for the container list");
  }
  std::vector<ContainerSummary> containers;
  for (const auto& item : *body) {
    if (!item.is_object()) {
      continue;
    }
    ContainerSummary summary{
        str(item, "Id"), {}, str(item, "Image"), str(item, "State"), str(item, "Status")};
    const json& names = member(item, "Names");
    for (const auto& name : names.is_array() ? names : json::array()) {
      if (name.is_string()) {
        summary.names.push_back(strip_slash(name.get<std::string>()));
      }
    }
    containers.push_back(std::move(summary));
  }
  return containers;
}

Result<TopResult> EngineClient::top(const std::string& name_or_id, const std::string& ps_args) {
  auto response = call("GET", "/containers/" + Transport::escape(name_or_id) +
                                  "/top?ps_args=" + Transport::escape(ps_args));
  if (!response) {
    return std::move(response).error();
  }
  const auto what = fmt::format("the process list of container '{}'", name_or_id);
  if (response->status != 200) {
    return api_error(*response, what);
  }
  auto body = parse_body(*response, what);
  if (!body || !body->is_object()) {
    return make_error(ErrorKind::invalid, fmt::format("Docker engine sent no object for {}", what));
  }
  TopResult result;
  const json& titles = member(*body, "Titles");
  for (const auto& title : titles.is_array() ? titles : json::array()) {
    result.titles.push_back(title.is_string() ? title.get<std::string>() : std::string{});
  }
  const json& rows = member(*body, "Processes");
  for (const auto& row : rows.is_array() ? rows : json::array()) {
    std::vector<std::string> fields;
    if (row.is_array()) {
      for (const auto& field : row) {
        fields.push_back(field.is_string() ? field.get<std::string>() : std::string{});
      }
    }
    result.processes.push_back(std::move(fields));
  }
  return result;
}

Result<void> EngineClient::start(const std::string& name_or_id) {
  return expect_no_content("POST", "/containers/" + Transport::escape(name_or_id) + "/start",
                           fmt::format("start of container '{}'", name_or_id));
}

Result<void> EngineClient::stop(const std::string& name_or_id, std::chrono::seconds grace) {
  return expect_no_content(
      "POST", fmt::format("/containers/{}/stop?t={}", Transport::escape(name_or_id), grace.count()),
      fmt::format("stop of container '{}'", name_or_id), m_timeout + grace);
}

Result<void> EngineClient::kill(const std::string& name_or_id, const std::string& signal) {
  return expect_no_content("POST",
                           fmt::format("/containers/{}/kill?signal={}",
                                       Transport::escape(name_or_id), Transport::escape(signal)),
                           fmt::format("kill of container '{}'", name_or_id));
}

Result<void> EngineClient::remove(const std::string& name_or_id, bool force) {
  return expect_no_content(
      "DELETE",
      fmt::format("/containers/{}?force={}", Transport::escape(name_or_id), force ? 1 : 0),
      fmt::format("removal of container '{}'", name_or_id));
}

Result<WaitResult> EngineClient::wait(const std::string& name_or_id, const std::string& condition,
                                      std::chrono::milliseconds timeout) {
  auto response = call("POST",
                       fmt::format("/containers/{}/wait?condition={}",
                                   Transport::escape(name_or_id), Transport::escape(condition)),
                       {}, timeout);
  if (!response) {
    return std::move(response).error();
  }
  const auto what = fmt::format("wait for container '{}'", name_or_id);
  if (response->status != 200) {
    return api_error(*response, what);
  }
  auto body = parse_body(*response, what);
  if (!body || !body->is_object()) {
    return make_error(ErrorKind::invalid, fmt::format("Docker engine sent no object for {}", what));
  }
  WaitResult result;
  result.status_code = number(*body, "StatusCode");
  const json& error = member(*body, "Error");
  if (error.is_object()) {
    result.error = str(error, "Message");
  }
  return result;
}

}  // namespace harmony::docker
