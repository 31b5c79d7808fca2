#include "integrations/slskd/ClientHttpTransport.hpp"

#include "http/Client.hpp"
#include "integrations/slskd/SlskdClient.hpp"

namespace harmony::harmonyd::slskd {

Result<HttpReply> ClientHttpTransport::send(const HttpCall& call) {
  http::ClientRequest request;
  request.url = call.url;
  request.headers = call.headers;
  request.timeout = call.timeout;
  request.max_body_bytes = call.max_body_bytes;
  request.method = call.method;
  request.body = call.body;
  auto response = http::send(request);
  if (!response) {
    Error error = std::move(response).error();
    if (http::never_connected(error)) {
      error.native_code = k_not_reached;
    }
    return error;
  }
  return HttpReply{response->status, std::move(response->body), response->truncated,
                   std::move(response->headers)};
}

}  // namespace harmony::harmonyd::slskd
