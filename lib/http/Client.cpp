#include "http/Client.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include <fmt/format.h>

namespace harmony::http {
namespace {

struct Sink {
  std::string body;
  std::size_t limit = 0;
  bool truncated = false;
};

struct HeaderSink {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t bytes = 0;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * count;
  const std::size_t room = sink->limit > sink->body.size() ? sink->limit - sink->body.size() : 0;
  if (bytes > room) {
    sink->truncated = true;
    sink->body.append(data, room);
    return 0;  // stop reading: the caller refuses or cuts an oversized body anyway
  }
  sink->body.append(data, bytes);
  return bytes;
}

// One header line at a time; the status line and the blank end line carry no colon. Headers
// past 64 KB in total are ignored (remote data is bounded like the body).
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<HeaderSink*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos && headers->bytes + bytes <= std::size_t{64} * 1024) {
    headers->bytes += bytes;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    headers->fields.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return bytes;
}

}  // namespace

bool never_connected(const Error& error) noexcept {
  return error.kind == ErrorKind::unavailable && (error.native_code == CURLE_COULDNT_CONNECT ||
                                                  error.native_code == CURLE_COULDNT_RESOLVE_HOST ||
                                                  error.native_code == CURLE_COULDNT_RESOLVE_PROXY);
}

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<ClientResponse> send(const ClientRequest& request) {
  init_curl();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    return make_error(ErrorKind::internal, "curl_easy_init failed");
  }
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, fmt::format("{}: {}", name, value).c_str());
  }
  // curl would send "Expect: 100-continue" for larger bodies and wait for the server.
  headers = curl_slist_append(headers, "Expect:");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                          curl_slist_free_all);
  Sink sink{{}, request.max_body_bytes, false};
  char error_text[CURL_ERROR_SIZE] = {};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  HeaderSink header_sink;
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &header_sink);
  if (request.method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && sink.truncated)) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("{} {} failed: {}", request.method, request.url,
                                  error_text[0] != '\0' ? error_text : curl_easy_strerror(rc)),
                      static_cast<int>(rc));
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  return ClientResponse{static_cast<int>(status), std::move(sink.body), sink.truncated,
                        std::move(header_sink.fields)};
}

Result<ClientResponse> get(const ClientRequest& request) {
  ClientRequest plain = request;
  plain.method = "GET";
  plain.body.clear();
  return send(plain);
}

}  // namespace harmony::http
