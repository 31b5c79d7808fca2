#pragma once

#include "integrations/slskd/HttpTransport.hpp"

namespace harmony::harmonyd::slskd {

// HttpTransport over lib/http's client (cpp-httplib). Thread-safe (one client per call).
class ClientHttpTransport final : public HttpTransport {
 public:
  Result<HttpReply> send(const HttpCall& call) override;
};

}  // namespace harmony::harmonyd::slskd
