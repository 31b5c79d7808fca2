#include "http/Client.hpp"

#include <httplib.h>

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string_view>
#include <thread>

#include <fmt/format.h>

#include "core/UrlEncode.hpp"

namespace harmony::http {
namespace {

constexpr std::size_t k_max_header_bytes = std::size_t{64} * 1024;
// The CA bundle Debian's libcurl reads by default and the harmonyd image ships
// (docker/harmonyd/minimal-rootfs.sh); OpenSSL's own default, /usr/lib/ssl/cert.pem, is a
// symlink the image does not have.
constexpr const char* k_ca_bundle = "/etc/ssl/certs/ca-certificates.crt";

// "scheme://host[:port]" and the "/path?query" httplib sends; a fragment is never sent.
struct Target {
  std::string origin;
  std::string path;
  std::string shown;  // the URL without its query, for messages (a query may carry a secret)
};

Result<Target> split(const std::string& method, const std::string& url) {
  const auto scheme_end = url.find("://");
  const std::string_view scheme = scheme_end == std::string::npos
                                      ? std::string_view{}
                                      : std::string_view(url).substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return make_error(ErrorKind::unavailable,
                      fmt::format("{} {} failed: only http:// and https:// URLs are supported",
                                  method, without_query(url)));
  }
  const auto path_start = url.find_first_of("/?#", scheme_end + 3);
  Target target;
  target.origin = url.substr(0, path_start);
  target.path = path_start == std::string::npos ? "/" : url.substr(path_start);
  target.path = target.path.substr(0, target.path.find('#'));
  if (target.path.empty() || target.path.front() != '/') {
    target.path = std::string("/").append(target.path);  // insert() trips g++ 12's -Wrestrict
  }
  target.shown = std::string(without_query(url));
  return target;
}

// Whole-call deadline: stop() shuts the socket down from this watcher thread when the call
// outlives `deadline` (httplib's own timeouts bound each connect, read and write, not the sum).
class CallDeadline {
 public:
  CallDeadline(httplib::Client& client, std::chrono::steady_clock::time_point deadline)
      : m_thread([this, &client, deadline] {
          std::unique_lock lock(m_mutex);
          if (!m_done_changed.wait_until(lock, deadline, [this] { return m_done; })) {
            m_expired = true;
            lock.unlock();
            client.stop();
          }
        }) {}
  CallDeadline(const CallDeadline&) = delete;
  CallDeadline& operator=(const CallDeadline&) = delete;
  ~CallDeadline() { finish(); }

  // Ends the watch; true when the deadline passed first.
  bool finish() {
    {
      std::lock_guard lock(m_mutex);
      m_done = true;
    }
    m_done_changed.notify_one();
    if (m_thread.joinable()) {
      m_thread.join();
    }
    return m_expired;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_done_changed;
  bool m_done = false;
  bool m_expired = false;
  std::thread m_thread;
};

std::string reason(httplib::Error error, bool expired, std::chrono::milliseconds timeout) {
  if (expired || error == httplib::Error::ConnectionTimeout) {
    return fmt::format("no complete reply within {} ms", timeout.count());
  }
  switch (error) {
    case httplib::Error::Connection:
      return "could not connect (refused, unreachable or the name did not resolve)";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLServerVerification:
      return "TLS failed: the server's certificate did not verify against the system CA store, "
             "or the handshake broke";
    default:
      return httplib::to_string(error);
  }
}

}  // namespace

bool never_connected(const Error& error) noexcept {
  return error.kind == ErrorKind::unavailable &&
         (error.native_code == static_cast<int>(httplib::Error::Connection) ||
          error.native_code == static_cast<int>(httplib::Error::ConnectionTimeout));
}

Result<ClientResponse> send(const ClientRequest& request) {
  auto target = split(request.method, request.url);
  if (!target) {
    return std::move(target).error();
  }
  httplib::Client client(target->origin);
  if (!client.is_valid()) {
    return make_error(ErrorKind::unavailable, fmt::format("{} {} failed: not a valid http(s) URL",
                                                          request.method, target->shown));
  }
  client.set_connection_timeout(request.timeout);
  client.set_read_timeout(request.timeout);
  client.set_write_timeout(request.timeout);
  client.set_follow_location(false);
  client.enable_server_certificate_verification(true);
  if (std::getenv("SSL_CERT_FILE") == nullptr && std::getenv("SSL_CERT_DIR") == nullptr) {
    client.set_ca_cert_path(k_ca_bundle);  // else OpenSSL's default paths, which read those
  }

  httplib::Request out;
  out.method = request.method;
  out.path = target->path;
  for (const auto& [name, value] : request.headers) {
    out.headers.emplace(name, value);
  }
  out.body = request.body;
  ClientResponse response;
  out.content_receiver = [&response, limit = request.max_body_bytes](
                             const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
    const std::size_t room = limit > response.body.size() ? limit - response.body.size() : 0;
    if (length > room) {
      response.truncated = true;
      response.body.append(data, room);
      return false;  // stop reading: the caller refuses or cuts an oversized body anyway
    }
    response.body.append(data, length);
    return true;
  };

  httplib::Response in;
  auto error = httplib::Error::Success;
  CallDeadline deadline(client, std::chrono::steady_clock::now() + request.timeout);
  const bool sent = client.send(out, in, error);
  const bool expired = deadline.finish();
  if (!sent && !(error == httplib::Error::Canceled && response.truncated)) {
    return make_error(ErrorKind::unavailable,
                      fmt::format("{} {} failed: {}", request.method, target->shown,
                                  reason(error, expired, request.timeout)),
                      static_cast<int>(error));
  }
  response.status = in.status;
  std::size_t header_bytes = 0;
  for (const auto& [name, value] : in.headers) {
    header_bytes += name.size() + value.size() + 4;  // as on the wire: ": " and CRLF
    if (header_bytes > k_max_header_bytes) {
      break;
    }
    response.headers.emplace_back(name, value);
  }
  return response;
}

Result<ClientResponse> get(const ClientRequest& request) {
  ClientRequest plain = request;
  plain.method = "GET";
  plain.body.clear();
  return send(plain);
}

}  // namespace harmony::http
