#include "integrations/spotify/WebApi.hpp"

#include <charconv>
#include <thread>

#include <fmt/format.h>

#include "integrations/spotify/Encoding.hpp"
#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::spotify {
namespace {

constexpr int k_max_429_rounds = 3;

// Spotify sends Retry-After in seconds; anything else (missing, a date, garbage) waits 5 s.
std::chrono::seconds retry_after(const std::string& header) {
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), seconds);
  if (header.empty() || ec != std::errc() || end != header.data() + header.size() || seconds < 0) {
    return std::chrono::seconds(5);
  }
  return std::chrono::seconds(std::min<std::int64_t>(seconds, 86'400));
}

// Spotify's {"error":{"status","message"}}, bounded and printable.
std::string spotify_message(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  std::string text;
  if (json.is_object() && json.contains("error") && json["error"].is_object() &&
      json["error"].contains("message") && json["error"]["message"].is_string()) {
    text = json["error"]["message"].get<std::string>();
  }
  return printable(text, 200, "no message");
}

}  // namespace

WebApi::WebApi(WebApiOptions options, slskd::HttpTransport& transport, RateGate& gate,
               metrics::Registry* metrics, Sleep sleep)
    : m_options(std::move(options)),
      m_transport(transport),
      m_gate(gate),
      m_metrics(metrics),
      m_sleep(sleep ? std::move(sleep)
                    : Sleep([](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); })) {}

void WebApi::count(std::string_view endpoint, std::string_view status) {
  if (m_metrics != nullptr) {
    m_metrics
        ->counter("harmony_spotify_requests_total",
                  "Web API requests sent to Spotify, by endpoint and HTTP status.",
                  {{"endpoint", std::string(endpoint)}, {"status", std::string(status)}})
        .inc();
  }
}

Result<nlohmann::json> WebApi::get(std::string_view endpoint, const std::string& path,
                                   TokenSource& tokens) {
  Backoff backoff(m_options.backoff);
  bool refreshed = false;
  int throttled = 0;
  auto token = tokens.access_token();
  if (!token) {
    return std::move(token).error();
  }
  while (true) {
    slskd::HttpCall call;
    call.method = "GET";
    call.url = m_options.api_url + path;
    call.headers = {{"Authorization", "Bearer " + token->reveal()}, {"Accept", "application/json"}};
    call.timeout = m_options.timeout;
    call.max_body_bytes = m_options.max_body_bytes;
    Result<slskd::HttpReply> reply = make_error(ErrorKind::internal, "not sent");
    {
      auto permit = m_gate.enter();
      if (!permit) {
        return std::move(permit).error();
      }
      reply = m_transport.send(call);
    }
    const bool retryable = !reply || reply->status >= 500;
    if (retryable) {
      count(endpoint, reply ? std::to_string(reply->status) : "unreachable");
      if (backoff.attempts() >= m_options.max_retries) {
        return failure(ErrorKind::unavailable, Failure::upstream,
                       reply ? fmt::format("Spotify answered HTTP {} to GET {} {} times; it "
                                           "may be having an outage, try again later",
                                           reply->status, endpoint, backoff.attempts() + 1)
                             : fmt::format("Spotify's Web API at {} is unreachable: {}",
                                           m_options.api_url, reply.error().message));
      }
      m_sleep(backoff.next());
      continue;
    }
    const int status = reply->status;
    count(endpoint, std::to_string(status));
    if (status == 429) {
      m_gate.latch(retry_after(reply->header("Retry-After")));
      if (++throttled >= k_max_429_rounds) {
        return failure(ErrorKind::unavailable, Failure::rate_limited,
                       fmt::format("Spotify keeps answering 429 to GET {}; harmonyd holds every "
                                   "request until Retry-After has passed",
                                   endpoint));
      }
      continue;  // back through the gate, which waits out the latch or gives up
    }
    if (status == 401 && !refreshed) {
      refreshed = true;
      token = tokens.refresh_after_rejection(*token);
      if (!token) {
        return std::move(token).error();
      }
      continue;
    }
    if (status == 401) {
      return failure(ErrorKind::unavailable, Failure::unauthenticated,
                     fmt::format("Spotify refused a fresh token for GET {}: {}", endpoint,
                                 spotify_message(reply->body)));
    }
    if (status == 403) {
      return failure(
          ErrorKind::unavailable, Failure::forbidden,
          fmt::format("Spotify refused GET {} (403: {}). In Development Mode the app's owner "
                      "needs Spotify Premium, every user must be added under User Management in "
                      "the app's dashboard (at most 5), and batch endpoints and playlists the "
                      "user neither owns nor collaborates on are not available",
                      endpoint, spotify_message(reply->body)));
    }
    if (status == 404) {
      return failure(ErrorKind::not_found, Failure::none,
                     fmt::format("Spotify has nothing at GET {}", endpoint));
    }
    if (status != 200) {
      return failure(ErrorKind::invalid, Failure::none,
                     fmt::format("Spotify refused GET {} (HTTP {}: {})", endpoint, status,
                                 spotify_message(reply->body)));
    }
    auto body = nlohmann::json::parse(reply->body, nullptr, false);
    if (body.is_discarded() || reply->truncated) {
      return failure(ErrorKind::unavailable, Failure::bad_reply,
                     fmt::format("Spotify's answer to GET {} is not JSON{}", endpoint,
                                 reply->truncated ? " (longer than the limit)" : ""));
    }
    return body;
  }
}

}  // namespace harmony::harmonyd::spotify
