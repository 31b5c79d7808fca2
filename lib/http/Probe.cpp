#include "http/Probe.hpp"

#include <fmt/format.h>

#include "http/Client.hpp"

namespace harmony::http {
namespace {

constexpr std::size_t k_max_body = std::size_t{64} * 1024;

}  // namespace

Result<void> probe_url(const std::string& url, std::chrono::milliseconds timeout) {
  ClientRequest request;
  request.url = url;
  request.timeout = timeout;
  request.max_body_bytes = k_max_body;
  auto response = get(request);
  if (!response) {
    return std::move(response).error();
  }
  if (response->status < 200 || response->status > 299) {
    return make_error(ErrorKind::unavailable, fmt::format("GET {}: HTTP {}", url, response->status),
                      response->status);
  }
  return {};
}

}  // namespace harmony::http
