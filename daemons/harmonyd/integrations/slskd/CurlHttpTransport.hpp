#pragma once

#include "integrations/slskd/HttpTransport.hpp"

namespace harmony::harmonyd::slskd {

// HttpTransport over lib/http's libcurl client. Thread-safe (one curl handle per call).
class CurlHttpTransport final : public HttpTransport {
 public:
  Result<HttpReply> send(const HttpCall& call) override;
};

}  // namespace harmony::harmonyd::slskd
