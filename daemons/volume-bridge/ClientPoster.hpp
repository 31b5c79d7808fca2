#pragma once

#include <chrono>

#include "AudioControl.hpp"

namespace harmony::bridge {

// HttpPoster over lib/http's client (cpp-httplib).
class ClientPoster final : public HttpPoster {
 public:
  explicit ClientPoster(std::chrono::milliseconds timeout) : m_timeout(timeout) {}
  Result<int> post_json(const std::string& url, const std::string& body) override;

 private:
  std::chrono::milliseconds m_timeout;
};

}  // namespace harmony::bridge
