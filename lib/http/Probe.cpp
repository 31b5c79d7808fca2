#include "http/Probe.hpp"

#include <curl/curl.h>

#include <memory>

#include <fmt/format.h>

namespace harmony::http {
namespace {

constexpr std::size_t k_max_body = 64 * 1024;

std::size_t discard(char*, std::size_t size, std::size_t count, void* user) {
  auto* total = static_cast<std::size_t*>(user);
  *total += size * count;
  return *total > k_max_body ? 0 : size * count;  // 0 aborts an oversized body
}

}  // namespace

Result<void> probe_url(const std::string& url, std::chrono::milliseconds timeout) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    return make_error(ErrorKind::internal, "curl_easy_init failed");
  }
  std::size_t total = 0;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &total);
  const CURLcode code = curl_easy_perform(curl.get());
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && status > 0)) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("GET {}: {}", url, curl_easy_strerror(code)), code);
  }
  if (status < 200 || status > 299) {
    return make_error(ErrorKind::unavailable, fmt::format("GET {}: HTTP {}", url, status),
                      static_cast<int>(status));
  }
  return {};
}

}  // namespace harmony::http
