#pragma once

#include <functional>
#include <optional>
#include <string>

#include "http/Router.hpp"
#include "http/Security.hpp"
#include "ui/Forms.hpp"
#include "ui/UiContext.hpp"

namespace harmony::harmonyd::ui {

// What a UI handler gets once the gate let the request through: the session (its CSRF token
// goes into every form), the options of this request, a Set-Cookie for a session the gate
// just opened, and the parsed form of an action.
struct Visit {
  Session session;
  UiOptions options;
  std::optional<std::string> set_cookie;
  Form form;
};
using UiHandler = std::function<http::Response(UiContext&, const http::Request&, const Visit&)>;

// A page (GET). With API keys it needs a logged-in session (else 303 to /ui/login); without
// keys it opens an anonymous session on the first visit, so forms still carry a CSRF token.
http::Handler page(UiContext& context, UiHandler handler);
// An action (POST): same origin (Origin / Sec-Fetch-Site), an
// application/x-www-form-urlencoded body (else 415), a session, and the session's CSRF token
// in the `csrf` field or the X-CSRF-Token header (else 403). Answers with a page or 303.
http::Handler action(UiContext& context, UiHandler handler);
// A file upload (POST): action()'s checks, with a multipart/form-data body (its route has
// Route::multipart set) whose `csrf` part carries the token; the handler reads request.parts.
http::Handler upload(UiContext& context, UiHandler handler);

// The auth step's alternative to an API key: the request carries a logged-in session and, for
// a state-changing method, that session's CSRF token.
bool session_accepts(UiContext& context, const http::Request& request);
// session_accepts() as the pipeline's authenticator (install_pipeline): consulted only when no
// API key was presented; a request without an accepted session stays unauthenticated (401).
http::Authenticator session_authenticator(UiContext& context);

// Rejects a cross-site request: Sec-Fetch-Site cross-site, or an Origin other than the Host.
bool same_origin(const http::Request& request);
// The CSRF token the request presents (header X-CSRF-Token, form field `csrf`, or a multipart
// part named `csrf`).
std::optional<std::string> presented_csrf(const http::Request& request, const Form* form);

}  // namespace harmony::harmonyd::ui
