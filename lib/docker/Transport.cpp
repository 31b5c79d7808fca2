#include "docker/Transport.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "core/UrlEncode.hpp"

namespace harmony::docker {
namespace {

// The process's one curl_global_init, before the first handle (libcurl wants it called before
// threads use curl). This adapter is the process's only libcurl user.
void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

constexpr std::size_t k_max_body = 16u << 20;

struct Collector {
  std::string body;
  std::string api_version;
  bool overflow = false;
};

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  auto* collector = static_cast<Collector*>(user);
  const size_t bytes = size * count;
  if (collector->body.size() + bytes > k_max_body) {
    collector->overflow = true;
    return 0;
  }
  collector->body.append(data, bytes);
  return bytes;
}

size_t collect_header(char* data, size_t size, size_t count, void* user) {
  auto* collector = static_cast<Collector*>(user);
  std::string_view line(data, size * count);
  constexpr std::string_view key = "api-version:";
  if (line.size() > key.size() && strncasecmp(line.data(), key.data(), key.size()) == 0) {
    line.remove_prefix(key.size());
    while (!line.empty() && (line.front() == ' ' || line.back() == '\n' || line.back() == '\r')) {
      line = line.front() == ' ' ? line.substr(1) : line.substr(0, line.size() - 1);
    }
    collector->api_version = std::string(line.substr(0, 16));
  }
  return size * count;
}

Error transport_error(const std::string& socket, CURLcode code, long os_errno) {
  if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST) {
    std::string cause = "cannot connect";
    std::string hint = "start dockerd, or point DOCKER_HOST=unix:///path at the right socket";
    if (os_errno == ENOENT) {
      cause = "the socket does not exist";
    } else if (os_errno == EACCES || os_errno == EPERM) {
      cause = "permission denied";
      hint = "run as root or as a member of the 'docker' group";
    } else if (os_errno == ECONNREFUSED) {
      cause = "connection refused (dockerd is not running)";
    }
    return make_error(
        ErrorKind::unavailable,
        fmt::format("Docker engine at {} is unreachable: {}; {}", socket, cause, hint),
        static_cast<int>(os_errno));
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return make_error(
        ErrorKind::unavailable,
        fmt::format("Docker engine at {} did not answer in time; check 'docker info'", socket),
        code);
  }
  return make_error(ErrorKind::unavailable,
                    fmt::format("Docker engine at {}: {}", socket, curl_easy_strerror(code)), code);
}

void common_options(CURL* curl, const std::string& socket, const std::string& path) {
  curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, socket.c_str());
  // Any host name works over a unix socket; Docker's clients send "docker".
  const std::string url = "http://docker" + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
}

}  // namespace

struct Transport::Handle {
  CURL* curl = nullptr;
  ~Handle() { curl_easy_cleanup(curl); }
};

void CancelToken::cancel() noexcept {
  std::lock_guard lock(m_mutex);
  m_cancelled = true;
  if (m_multi != nullptr) {
    curl_multi_wakeup(static_cast<CURLM*>(m_multi));
  }
  m_cv.notify_all();
}

bool CancelToken::sleep_for(std::chrono::milliseconds duration) {
  std::unique_lock lock(m_mutex);
  return !m_cv.wait_for(lock, duration, [this] { return m_cancelled.load(); });
}

void CancelToken::attach(void* multi) {
  std::lock_guard lock(m_mutex);
  m_multi = multi;
}

void CancelToken::detach() {
  std::lock_guard lock(m_mutex);
  m_multi = nullptr;
}

Transport::Transport(std::string socket_path, std::chrono::milliseconds timeout)
    : m_socket_path(std::move(socket_path)),
      m_timeout(timeout),
      m_handle(std::make_unique<Handle>()) {
  init_curl();
  m_handle->curl = curl_easy_init();
  if (m_handle->curl == nullptr) {
    throw ErrorException(make_error(ErrorKind::internal, "curl_easy_init failed (out of memory?)"));
  }
}

Transport::~Transport() = default;

std::string Transport::escape(std::string_view text) {
  return percent_encode(text);
}

Result<Response> Transport::request(std::string_view method, const std::string& path,
                                    const std::string& json_body,
                                    std::optional<std::chrono::milliseconds> timeout) {
  std::lock_guard lock(m_mutex);
  CURL* curl = m_handle->curl;
  curl_easy_reset(curl);
  common_options(curl, m_socket_path, path);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(timeout.value_or(m_timeout).count()));
  const std::string verb(method);
  curl_slist* headers = nullptr;
  if (verb == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json_body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(json_body.size()));
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  } else if (verb != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, verb.c_str());
  }
  Collector collector;
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &collector);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &collector);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (collector.overflow) {
    return make_error(
        ErrorKind::invalid,
        fmt::format("Docker engine answer to {} {} exceeds {} bytes", verb, path, k_max_body));
  }
  if (code != CURLE_OK) {
    long os_errno = 0;
    curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
    return transport_error(m_socket_path, code, os_errno);
  }
  Response response;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(collector.body);
  response.api_version = std::move(collector.api_version);
  return response;
}

namespace {

struct StreamContext {
  const std::function<void(long)>* on_open;
  const std::function<bool(std::string_view)>* on_data;
  CURL* curl;
  CancelToken* token;
  bool opened = false;
  long status = 0;
};

size_t stream_header(char* data, size_t size, size_t count, void* user) {
  auto* context = static_cast<StreamContext*>(user);
  const size_t bytes = size * count;
  // The blank line ends the headers; the status is known from here on.
  if (!context->opened && bytes <= 2 && (bytes == 0 || data[0] == '\r' || data[0] == '\n')) {
    curl_easy_getinfo(context->curl, CURLINFO_RESPONSE_CODE, &context->status);
    context->opened = true;
    (*context->on_open)(context->status);
  }
  return bytes;
}

size_t stream_body(char* data, size_t size, size_t count, void* user) {
  auto* context = static_cast<StreamContext*>(user);
  if (context->token->cancelled() || !(*context->on_data)(std::string_view(data, size * count))) {
    return 0;
  }
  return size * count;
}

}  // namespace

Result<long> Transport::stream(const std::string& path, const std::function<void(long)>& on_open,
                               const std::function<bool(std::string_view)>& on_data,
                               CancelToken& token, std::string_view post_json) {
  CURL* curl = curl_easy_init();
  CURLM* multi = curl_multi_init();
  if (curl == nullptr || multi == nullptr) {
    curl_easy_cleanup(curl);
    curl_multi_cleanup(multi);
    return make_error(ErrorKind::internal, "curl init failed (out of memory?)");
  }
  common_options(curl, m_socket_path, path);
  curl_slist* headers = nullptr;
  if (!post_json.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(post_json.size()));
    curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, post_json.data());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  }
  StreamContext context{&on_open, &on_data, curl, &token};
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, stream_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &context);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, stream_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &context);
  curl_multi_add_handle(multi, curl);
  token.attach(multi);
  CURLcode result = CURLE_OK;
  int running = 1;
  while (running > 0 && !token.cancelled()) {
    if (curl_multi_perform(multi, &running) != CURLM_OK) {
      result = CURLE_RECV_ERROR;
      break;
    }
    if (running > 0) {
      curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
  }
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
    if (message->msg == CURLMSG_DONE) {
      result = message->data.result;
    }
  }
  long os_errno = 0;
  curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
  token.detach();
  curl_multi_remove_handle(multi, curl);
  curl_easy_cleanup(curl);
  curl_multi_cleanup(multi);
  curl_slist_free_all(headers);
  if (token.cancelled() || result == CURLE_WRITE_ERROR || result == CURLE_OK) {
    return context.status;
  }
  return transport_error(m_socket_path, result, os_errno);
}

Error api_error(const Response& response, std::string_view what) {
  std::string message;
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_object() && json.contains("message") && json["message"].is_string()) {
    message = json["message"].get<std::string>();
  } else {
    message = response.body;
  }
  if (message.size() > 300) {
    message.resize(300);
    message += "...";
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
    message.pop_back();
  }
  const auto kind = response.status == 404 ? ErrorKind::not_found : ErrorKind::invalid;
  return make_error(
      kind, fmt::format("Docker engine refused {}: HTTP {}: {}", what, response.status, message),
      static_cast<int>(response.status));
}

}  // namespace harmony::docker
