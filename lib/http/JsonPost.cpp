#include "http/JsonPost.hpp"

#include "http/Client.hpp"

namespace harmony::http {
namespace {

// The reply body is ignored; reading stops here so a chatty peer cannot hold the call.
constexpr std::size_t k_max_reply_bytes = std::size_t{64} * 1024;

}  // namespace

Result<int> post_json(const std::string& url, const std::string& body,
                      std::chrono::milliseconds timeout) {
  ClientRequest request;
  request.url = url;
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = body;
  request.timeout = timeout;
  request.max_body_bytes = k_max_reply_bytes;
  auto response = send(request);
  if (!response) {
    return std::move(response).error();
  }
  return response->status;
}

}  // namespace harmony::http
