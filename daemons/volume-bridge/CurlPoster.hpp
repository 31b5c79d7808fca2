#pragma once

#include <chrono>

#include "AudioControl.hpp"

namespace harmony::bridge {

// HttpPoster over lib/http's libcurl client.
class CurlPoster final : public HttpPoster {
 public:
  explicit CurlPoster(std::chrono::milliseconds timeout) : m_timeout(timeout) {}
  Result<int> post_json(const std::string& url, const std::string& body) override;

 private:
  std::chrono::milliseconds m_timeout;
};

}  // namespace harmony::bridge
