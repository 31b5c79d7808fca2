#pragma once

#include <chrono>
#include <string>

#include "health/CheckResult.hpp"
#include "log/Redact.hpp"

namespace harmony::harmonyd::integrations {

// Readiness probe for slskd: GET {SLSKD_URL}/api/v0/application with X-API-Key. 2xx → ok;
// 401/403 → fail (config: the key is wrong); anything else or no answer within `timeout` →
// fail (unavailable). Not configured (empty URL) → not_configured. The downloads work
// replaces this with the real slskd client behind the same DependencyProbe interface.
class SlskdProbe final : public health::DependencyProbe {
 public:
  SlskdProbe(std::string url, log::Secret api_key, std::chrono::milliseconds timeout)
      : m_url(std::move(url)), m_api_key(std::move(api_key)), m_timeout(timeout) {}
  health::CheckResult probe() override;

 private:
  std::string m_url;
  log::Secret m_api_key;
  std::chrono::milliseconds m_timeout;
};

}  // namespace harmony::harmonyd::integrations
