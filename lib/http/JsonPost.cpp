#include "http/JsonPost.hpp"

#include <curl/curl.h>

#include <memory>

#include <fmt/format.h>

namespace harmony::http {
namespace {

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

struct CurlDeleter {
  void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

}  // namespace

Result<int> post_json(const std::string& url, const std::string& body, std::chrono::milliseconds timeout) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    return make_error(ErrorKind::internal, "curl_easy_init failed");
  }
  std::unique_ptr<curl_slist, ListDeleter> headers(curl_slist_append(nullptr, "Content-Type: application/json"));
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &discard);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  if (const CURLcode rc = curl_easy_perform(h); rc != CURLE_OK) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("POST {} failed: {}", url, curl_easy_strerror(rc)), static_cast<int>(rc));
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  return static_cast<int>(status);
}

}  // namespace harmony::http
