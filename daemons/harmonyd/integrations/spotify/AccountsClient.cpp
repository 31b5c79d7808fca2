#include "integrations/spotify/AccountsClient.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/UrlEncode.hpp"
#include "integrations/spotify/Encoding.hpp"
#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::spotify {
namespace {

using harmony::percent_encode;

std::string basic_auth(const std::string& id, const log::Secret& secret) {
  return "Basic " + base64(id + ":" + secret.reveal());
}

// Spotify's `error` / `error_description`, bounded and kept printable, for messages.
std::string describe(const nlohmann::json& body) {
  std::string text;
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    text = body["error"].get<std::string>();
    if (body.contains("error_description") && body["error_description"].is_string()) {
      text += ": " + body["error_description"].get<std::string>();
    }
  }
  return printable(text, 200, "no error description");
}

}  // namespace

AccountsClient::AccountsClient(AccountsOptions options, slskd::HttpTransport& transport,
                               metrics::Registry* metrics)
    : m_options(std::move(options)), m_transport(transport), m_metrics(metrics) {}

std::string AccountsClient::authorize_url(const std::string& state,
                                          const std::string& code_challenge,
                                          const std::string& redirect_uri,
                                          const std::string& scopes) const {
  return fmt::format(
      "{}/authorize?response_type=code&client_id={}&redirect_uri={}&scope={}&state={}"
      "&code_challenge_method=S256&code_challenge={}",
      m_options.accounts_url, percent_encode(m_options.client_id), percent_encode(redirect_uri),
      percent_encode(scopes), percent_encode(state), percent_encode(code_challenge));
}

Result<TokenGrant> AccountsClient::exchange_code(const std::string& code,
                                                 const std::string& redirect_uri,
                                                 const std::string& verifier) {
  return token_call(
      "authorization_code",
      fmt::format("grant_type=authorization_code&code={}&redirect_uri={}"
                  "&code_verifier={}",
                  percent_encode(code), percent_encode(redirect_uri), percent_encode(verifier)));
}

Result<TokenGrant> AccountsClient::refresh(const log::Secret& refresh_token) {
  return token_call("refresh_token", "grant_type=refresh_token&refresh_token=" +
                                         percent_encode(refresh_token.reveal()));
}

Result<TokenGrant> AccountsClient::client_credentials() {
  return token_call("client_credentials", "grant_type=client_credentials");
}

Result<TokenGrant> AccountsClient::token_call(std::string_view grant, const std::string& form) {
  const auto count = [this, grant](std::string_view result) {
    if (m_metrics != nullptr) {
      m_metrics
          ->counter("harmony_spotify_token_requests_total",
                    "Calls to Spotify's token endpoint, by grant and result.",
                    {{"grant", std::string(grant)}, {"result", std::string(result)}})
          .inc();
    }
  };
  slskd::HttpCall call;
  call.method = "POST";
  call.url = m_options.accounts_url + "/api/token";
  call.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                  {"Accept", "application/json"},
                  {"Authorization", basic_auth(m_options.client_id, m_options.client_secret)}};
  call.body = form;
  call.timeout = m_options.timeout;
  call.max_body_bytes = std::size_t{64} * 1024;
  auto reply = m_transport.send(call);
  if (!reply) {
    count("unreachable");
    return failure(ErrorKind::unavailable, Failure::upstream,
                   fmt::format("the Spotify accounts service at {} is unreachable: {}",
                               m_options.accounts_url, reply.error().message));
  }
  const auto body = nlohmann::json::parse(reply->body, nullptr, false);
  if (reply->status == 400 || reply->status == 401) {
    const std::string error =
        body.is_object() && body.contains("error") && body["error"].is_string()
            ? body["error"].get<std::string>()
            : std::string();
    count(error == "invalid_grant" ? "invalid_grant" : "refused");
    if (error == "invalid_client") {
      return failure(ErrorKind::config, Failure::invalid_client,
                     "Spotify refused SPOTIFY_CLIENT_ID/SPOTIFY_CLIENT_SECRET (invalid_client); "
                     "copy both from the app's settings at developer.spotify.com");
    }
    return failure(ErrorKind::invalid,
                   error == "invalid_grant" ? Failure::invalid_grant : Failure::bad_reply,
                   fmt::format("Spotify refused the {} grant: {}", grant, describe(body)));
  }
  if (reply->status != 200) {
    count("error");
    return failure(ErrorKind::unavailable, Failure::upstream,
                   fmt::format("the Spotify token endpoint answered HTTP {} to the {} grant",
                               reply->status, grant));
  }
  if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string() ||
      body["access_token"].get_ref<const std::string&>().empty() ||
      body["access_token"].get_ref<const std::string&>().size() > 4096) {
    count("bad_reply");
    return failure(ErrorKind::unavailable, Failure::bad_reply,
                   fmt::format("the Spotify token endpoint sent no usable JSON token for the {} "
                               "grant (a proxy or captive portal in between?)",
                               grant));
  }
  TokenGrant token;
  token.access_token = log::Secret(body["access_token"].get<std::string>());
  if (body.contains("refresh_token") && body["refresh_token"].is_string() &&
      body["refresh_token"].get_ref<const std::string&>().size() <= 4096) {
    token.refresh_token = log::Secret(body["refresh_token"].get<std::string>());
  }
  if (body.contains("scope") && body["scope"].is_string()) {
    token.scope = body["scope"].get<std::string>().substr(0, 1024);
  }
  if (body.contains("expires_in") && body["expires_in"].is_number_integer()) {
    token.expires_in = std::chrono::seconds(
        std::clamp<std::int64_t>(body["expires_in"].get<std::int64_t>(), 1, 86'400));
  }
  count("ok");
  return token;
}

}  // namespace harmony::harmonyd::spotify
