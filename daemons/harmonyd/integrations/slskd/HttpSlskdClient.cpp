#include "integrations/slskd/HttpSlskdClient.hpp"

#include "core/UrlEncode.hpp"

#include <array>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "integrations/slskd/Json.hpp"

namespace harmony::harmonyd::slskd {

struct HttpSlskdClient::Reply {
  int status = 0;
  nlohmann::json body;  // null when the body was empty
};

namespace {

// A short, printable excerpt of an untrusted body for error messages.
std::string excerpt(std::string_view body) {
  std::string out;
  for (const char c : body.substr(0, 120)) {
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return out;
}

Error shape_error(const std::string& what) {
  return make_error(ErrorKind::invalid,
                    fmt::format("slskd answered {} in a shape harmonyd does not know; check that "
                                "SLSKD_URL points at slskd ≥ 0.22",
                                what));
}

}  // namespace

bool version_at_least(std::string_view version, int major, int minor, int patch) {
  if (!version.empty() && (version.front() == 'v' || version.front() == 'V')) {
    version.remove_prefix(1);
  }
  std::array<int, 3> parts{0, 0, 0};
  const char* pos = version.data();
  const char* end = version.data() + version.size();
  for (std::size_t i = 0; i < parts.size() && pos < end; ++i) {
    const auto [next, ec] = std::from_chars(pos, end, parts[i]);
    if (ec != std::errc()) {
      break;
    }
    pos = next;
    if (pos < end && *pos == '.') {
      ++pos;
    } else {
      break;
    }
  }
  return std::tie(parts[0], parts[1], parts[2]) >= std::tie(major, minor, patch);
}

HttpSlskdClient::HttpSlskdClient(SlskdOptions options, HttpTransport& transport)
    : m_options(std::move(options)), m_transport(transport) {
  while (!m_options.base_url.empty() && m_options.base_url.back() == '/') {
    m_options.base_url.pop_back();
  }
}

Result<HttpSlskdClient::Reply> HttpSlskdClient::call(const std::string& method,
                                                     const std::string& path, std::string body) {
  HttpCall request;
  request.method = method;
  request.url = m_options.base_url + path;
  request.timeout = m_options.request_timeout;
  request.max_body_bytes = m_options.max_body_bytes;
  request.headers.emplace_back("Accept", "application/json");
  if (!m_options.api_key.empty()) {
    request.headers.emplace_back("X-API-Key", m_options.api_key.reveal());
  }
  if (!body.empty()) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(body);
  }
  auto sent = m_transport.send(request);
  if (!sent) {
    Error error = std::move(sent).error();
    error.message = log::redact(error.message, m_options.api_key.reveal());
    return error;
  }
  const HttpReply& reply = *sent;
  const std::string what = fmt::format("{} {}", method, path);
  if (reply.truncated) {
    return make_error(ErrorKind::invalid,
                      fmt::format("slskd answered {} with more than {} bytes; the answer is "
                                  "refused (is SLSKD_URL really slskd?)",
                                  what, m_options.max_body_bytes));
  }
  if (reply.status == 401 || reply.status == 403) {
    return make_error(ErrorKind::config,
                      fmt::format("slskd refused the API key (HTTP {}) for {}; set SLSKD_API_KEY "
                                  "to a key from slskd's web.authentication.api_keys",
                                  reply.status, what),
                      reply.status);
  }
  if (reply.status == 404) {
    return make_error(ErrorKind::not_found, fmt::format("slskd has no such item: {} → 404", what),
                      404);
  }
  if (reply.status == k_busy) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("slskd is busy with another request ({} → 429)", what), k_busy);
  }
  if (reply.status >= 500 || reply.status < 200) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("slskd failed {} with HTTP {}: {}; check slskd's log", what,
                                  reply.status, excerpt(reply.body)),
                      reply.status);
  }
  if (reply.status >= 300) {
    return make_error(
        ErrorKind::invalid,
        fmt::format("slskd rejected {} with HTTP {}: {}", what, reply.status, excerpt(reply.body)),
        reply.status);
  }
  Reply out{reply.status, nullptr};
  if (!reply.body.empty()) {
    out.body = nlohmann::json::parse(reply.body, nullptr, false);
    if (out.body.is_discarded()) {
      return make_error(ErrorKind::invalid,
                        fmt::format("slskd answered {} with a body that is not JSON: '{}'", what,
                                    excerpt(reply.body)));
    }
  }
  return out;
}

Result<std::string> HttpSlskdClient::version() {
  auto reply = call("GET", "/api/v0/application/version");
  if (!reply) {
    return std::move(reply).error();
  }
  if (!reply->body.is_string()) {
    return shape_error("GET /api/v0/application/version (expected a version string)");
  }
  return reply->body.get<std::string>().substr(0, 64);
}

Result<bool> HttpSlskdClient::logged_in() {
  auto reply = call("GET", "/api/v0/application");
  if (!reply) {
    return std::move(reply).error();
  }
  const auto& body = reply->body;
  if (!body.is_object() || !body.contains("server") || !body["server"].is_object()) {
    return shape_error("GET /api/v0/application (no 'server' object)");
  }
  const auto& server = body["server"];
  return server.contains("isLoggedIn") && server["isLoggedIn"].is_boolean() &&
         server["isLoggedIn"].get<bool>();
}

Result<void> HttpSlskdClient::start_search(const std::string& id, const std::string& text,
                                           std::chrono::milliseconds search_timeout) {
  const nlohmann::json body{{"id", id},
                            {"searchText", text},
                            {"searchTimeout", std::max<std::int64_t>(5, search_timeout.count())},
                            {"filterResponses", true}};
  const std::lock_guard lock(m_search_post);
  auto reply = call("POST", "/api/v0/searches", body.dump());
  if (!reply) {
    return std::move(reply).error();
  }
  return {};
}

Result<SearchStatus> HttpSlskdClient::search_status(const std::string& id) {
  auto reply = call("GET", "/api/v0/searches/" + percent_encode(id) + "?includeResponses=false");
  if (!reply) {
    return std::move(reply).error();
  }
  if (!reply->body.is_object()) {
    return shape_error("GET /api/v0/searches/{id} (expected an object)");
  }
  return json::search_status(reply->body);
}

Result<std::vector<PeerResponse>> HttpSlskdClient::search_responses(const std::string& id) {
  auto reply = call("GET", "/api/v0/searches/" + percent_encode(id) + "/responses");
  if (!reply) {
    return std::move(reply).error();
  }
  if (!reply->body.is_array()) {
    return shape_error("GET /api/v0/searches/{id}/responses (expected an array)");
  }
  std::vector<PeerResponse> responses;
  for (const auto& item : reply->body) {
    auto peer = json::peer_response(item);
    if (!peer.username.empty()) {
      responses.push_back(std::move(peer));
    }
  }
  return responses;
}

Result<void> HttpSlskdClient::delete_search(const std::string& id) {
  auto reply = call("DELETE", "/api/v0/searches/" + percent_encode(id));
  if (!reply && reply.error().kind != ErrorKind::not_found) {
    return std::move(reply).error();
  }
  return {};
}

Result<bool> HttpSlskdClient::supports_batches() {
  const std::lock_guard lock(m_version_lock);
  if (!m_version) {
    auto read = version();
    if (!read) {
      return std::move(read).error();
    }
    m_version = *read;
  }
  return version_at_least(*m_version, 0, 26, 0);
}

Result<Transfer> HttpSlskdClient::enqueue(const std::string& username, const SearchFile& file) {
  auto batches = supports_batches();
  if (!batches) {
    return std::move(batches).error();
  }
  const nlohmann::json entry{{"filename", file.filename}, {"size", file.size}};
  const std::lock_guard lock(m_enqueue_post);
  if (*batches) {
    const nlohmann::json body{{"username", username}, {"files", nlohmann::json::array({entry})}};
    auto reply = call("POST", "/api/v0/transfers/downloads/batches", body.dump());
    if (!reply) {
      return std::move(reply).error();
    }
    const auto& json = reply->body;
    if (json.is_object() && json.contains("batch") && json["batch"].is_object() &&
        json["batch"].contains("transfers") && json["batch"]["transfers"].is_array() &&
        !json["batch"]["transfers"].empty()) {
      return json::transfer(json["batch"]["transfers"].front());
    }
    std::string reason = "no transfer was created";
    if (json.is_object() && json.contains("failures") && json["failures"].is_array() &&
        !json["failures"].empty() && json["failures"].front().is_object()) {
      reason = json["failures"].front().value("message", reason).substr(0, 300);
    }
    return make_error(ErrorKind::unavailable,
                      fmt::format("slskd could not enqueue '{}' from peer '{}': {}", file.filename,
                                  username, reason));
  }
  auto reply = call("POST", "/api/v0/transfers/downloads/" + percent_encode(username),
                    nlohmann::json::array({entry}).dump());
  if (!reply) {
    return std::move(reply).error();
  }
  const auto& json = reply->body;
  if (json.is_object() && json.contains("enqueued") && json["enqueued"].is_array() &&
      !json["enqueued"].empty()) {
    return json::transfer(json["enqueued"].front());
  }
  return make_error(ErrorKind::unavailable,
                    fmt::format("slskd did not enqueue '{}' from peer '{}' (empty 'enqueued')",
                                file.filename, username));
}

Result<Transfer> HttpSlskdClient::transfer(const std::string& username, const std::string& id) {
  auto reply = call(
      "GET", "/api/v0/transfers/downloads/" + percent_encode(username) + "/" + percent_encode(id));
  if (!reply) {
    return std::move(reply).error();
  }
  if (!reply->body.is_object()) {
    return shape_error("GET /api/v0/transfers/downloads/{username}/{id} (expected an object)");
  }
  return json::transfer(reply->body);
}

Result<void> HttpSlskdClient::cancel_transfer(const std::string& username, const std::string& id) {
  auto reply = call("DELETE", "/api/v0/transfers/downloads/" + percent_encode(username) + "/" +
                                  percent_encode(id) + "?remove=true");
  if (!reply && reply.error().kind != ErrorKind::not_found) {
    return std::move(reply).error();
  }
  return {};
}

}  // namespace harmony::harmonyd::slskd
