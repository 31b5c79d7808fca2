#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/Backoff.hpp"
#include "core/Result.hpp"
#include "integrations/slskd/HttpTransport.hpp"
#include "integrations/spotify/RateGate.hpp"
#include "integrations/spotify/TokenSource.hpp"
#include "metrics/Registry.hpp"

namespace harmony::harmonyd::spotify {

struct WebApiOptions {
  std::string api_url;  // https://api.spotify.com/v1, no trailing slash
  std::chrono::milliseconds timeout{10'000};
  int max_retries = 3;  // for 5xx and transport failures
  BackoffPolicy backoff{std::chrono::milliseconds(250), std::chrono::seconds(4), 2.0, 0.3};
  std::size_t max_body_bytes = std::size_t{4} << 20;
};

// GET requests to the Web API, every one through the app's RateGate. A 429 latches the gate
// (Retry-After) and the request waits its turn again; a 401 refreshes the token once; 5xx and
// transport failures are retried with backoff and jitter; a 403 is explained (Premium,
// allow-list, Dev-Mode restriction); 404 → not_found; 400 → invalid with Spotify's message.
// Metrics: harmony_spotify_requests_total{endpoint,status}. Thread-safe.
class WebApi {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;

  WebApi(WebApiOptions options, slskd::HttpTransport& transport, RateGate& gate,
         metrics::Registry* metrics = nullptr, Sleep sleep = {});

  // `endpoint` is the route template for metrics and messages ("/artists/{id}"); `path` the
  // concrete path and query after the base URL.
  Result<nlohmann::json> get(std::string_view endpoint, const std::string& path,
                             TokenSource& tokens);

 private:
  void count(std::string_view endpoint, std::string_view status);

  WebApiOptions m_options;
  slskd::HttpTransport& m_transport;
  RateGate& m_gate;
  metrics::Registry* m_metrics;
  Sleep m_sleep;
};

}  // namespace harmony::harmonyd::spotify
