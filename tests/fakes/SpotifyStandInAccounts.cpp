// The stand-in's accounts service: /authorize and /api/token.
#include <algorithm>

#include "fakes/SpotifyStandInState.hpp"

namespace harmony::fakes {
namespace {

using nlohmann::json;
using spotify_standin::Clock;

std::string param(const httplib::Request& req, const std::string& name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

bool web_uri(const std::string& uri) {
  return uri.rfind("http://", 0) == 0 || uri.rfind("https://", 0) == 0;
}

void bad_authorize(httplib::Response& res, const std::string& what) {
  res.status = 400;
  res.set_content("<html><body><h1>INVALID_CLIENT</h1><p>" + what + "</p></body></html>",
                  "text/html");
}

}  // namespace

void SpotifyStandIn::State::add_accounts_routes() {
  State& s = *this;
  server.Get("/authorize", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::lock_guard lock(s.mutex);
    const std::string redirect_uri = param(req, "redirect_uri");
    if (param(req, "client_id") != s.options.client_id) {
      return bad_authorize(res, "Invalid client");
    }
    const auto& registered = s.options.redirect_uris;
    if (!web_uri(redirect_uri) ||
        (!registered.empty() &&
         std::find(registered.begin(), registered.end(), redirect_uri) == registered.end())) {
      return bad_authorize(res, "Invalid redirect URI");
    }
    if (param(req, "response_type") != "code") {
      return bad_authorize(res, "response_type must be code");
    }
    const std::string state = param(req, "state");
    const char joiner = redirect_uri.find('?') == std::string::npos ? '?' : '&';
    std::string location = redirect_uri + joiner;
    if (s.deny_authorize) {
      s.deny_authorize = false;
      location += "error=access_denied";
    } else {
      const std::string challenge = param(req, "code_challenge");
      if (!challenge.empty() && param(req, "code_challenge_method") != "S256") {
        return bad_authorize(res, "code_challenge_method must be S256");
      }
      const std::string code = s.mint(120);
      s.codes[code] = {s.options.client_id,
                       redirect_uri,
                       challenge,
                       param(req, "scope"),
                       Clock::now() + s.options.code_lifetime,
                       false};
      location += "code=" + httplib::detail::encode_query_param(code);
    }
    if (!state.empty()) {
      location += "&state=" + httplib::detail::encode_query_param(state);
    }
    res.status = 302;
    res.set_header("Location", location);
  });

  server.Post("/api/token", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::lock_guard lock(s.mutex);
    if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) {
      return accounts_error(res, 400, "invalid_request",
                            "Content-Type must be application/x-www-form-urlencoded");
    }
    const std::string grant = param(req, "grant_type");
    ++s.token_grants[grant];
    // Confidential client: Basic base64(client_id:client_secret).
    const std::string auth = req.get_header_value("Authorization");
    const std::string credentials =
        auth.rfind("Basic ", 0) == 0 ? base64_decode(auth.substr(6)) : std::string();
    if (credentials != s.options.client_id + ":" + s.options.client_secret) {
      return accounts_error(res, 400, "invalid_client", "Invalid client");
    }
    if (s.token_not_json) {
      res.status = 200;
      res.set_content("<html>upstream maintenance</html>", "text/html");
      return;
    }
    json reply{{"token_type", "Bearer"}, {"expires_in", s.options.token_lifetime.count()}};
    spotify_standin::AccessToken access{true, "", Clock::now() + s.options.token_lifetime};
    if (grant == "authorization_code") {
      const auto it = s.codes.find(param(req, "code"));
      if (it == s.codes.end() || it->second.used || it->second.expires < Clock::now()) {
        return accounts_error(res, 400, "invalid_grant", "Invalid authorization code");
      }
      it->second.used = true;
      if (param(req, "redirect_uri") != it->second.redirect_uri) {
        return accounts_error(res, 400, "invalid_grant", "Invalid redirect URI");
      }
      if (!it->second.challenge.empty() &&
          s256(param(req, "code_verifier")) != it->second.challenge) {
        return accounts_error(res, 400, "invalid_grant", "code_verifier was incorrect");
      }
      access.scope = it->second.scope;
    } else if (grant == "refresh_token") {
      const auto it = s.refresh_tokens.find(param(req, "refresh_token"));
      if (it == s.refresh_tokens.end() || it->second.used) {
        return accounts_error(res, 400, "invalid_grant", "Refresh token revoked");
      }
      it->second.used = true;  // rotation: every refresh token works once
      access.scope = it->second.scope;
    } else if (grant == "client_credentials") {
      access.user = false;
    } else {
      return accounts_error(res, 400, "unsupported_grant_type",
                            "grant_type must be client_credentials, authorization_code or "
                            "refresh_token");
    }
    const std::string token = "BQ" + s.mint(150);
    s.access_tokens[token] = access;
    reply["access_token"] = token;
    if (access.user) {
      const std::string refresh = "AQ" + s.mint(130);
      s.refresh_tokens[refresh] = {access.scope, false};
      ++s.refresh_issued;
      reply["refresh_token"] = refresh;
      reply["scope"] = access.scope;
    }
    res.set_content(reply.dump(), "application/json");
  });
}

}  // namespace harmony::fakes
