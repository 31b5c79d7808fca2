#include "integrations/slskd/SlskdProbe.hpp"

#include <chrono>

#include <fmt/format.h>

#include "http/Client.hpp"

namespace harmony::harmonyd::integrations {

health::CheckResult SlskdProbe::probe() {
  health::CheckResult result{"slskd"};
  if (m_url.empty()) {
    result.status = health::CheckStatus::not_configured;
    result.detail = {{"reason", "SLSKD_URL is empty"}};
    return result;
  }
  http::ClientRequest request{m_url + "/api/v0/application", {}, m_timeout, std::size_t{64} * 1024};
  if (!m_api_key.empty()) {
    request.headers.emplace_back("X-API-Key", m_api_key.reveal());
  }
  const auto start = std::chrono::steady_clock::now();
  auto response = http::get(request);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  result.detail = {{"url", m_url},
                   {"api_key", m_api_key.empty() ? "" : "[redacted]"},
                   {"latency_ms", elapsed.count()}};
  if (!response) {
    result.status = health::CheckStatus::fail;
    result.kind = ErrorKind::unavailable;
    result.detail["reachable"] = false;
    result.problem =
        fmt::format("slskd at {} (SLSKD_URL) is unreachable: {}; start slskd or fix SLSKD_URL",
                    m_url, log::redact(response.error().message, m_api_key.reveal()));
    return result;
  }
  result.detail["reachable"] = true;
  result.detail["http_status"] = response->status;
  if (response->status == 401 || response->status == 403) {
    result.status = health::CheckStatus::fail;
    result.kind = ErrorKind::config;
    result.problem = fmt::format(
        "slskd at {} rejected the API key (HTTP {}); set SLSKD_API_KEY to a key from "
        "slskd's web.authentication.api_keys",
        m_url, response->status);
  } else if (response->status < 200 || response->status >= 300) {
    result.status = health::CheckStatus::fail;
    result.kind = ErrorKind::unavailable;
    result.problem =
        fmt::format("slskd at {} answered HTTP {} to /api/v0/application; check slskd's log", m_url,
                    response->status);
  }
  return result;
}

}  // namespace harmony::harmonyd::integrations
