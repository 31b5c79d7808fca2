#include "ui/Gate.hpp"

#include "http/Security.hpp"
#include "ui/Views.hpp"

namespace harmony::harmonyd::ui {
namespace {

bool is_safe(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool csrf_matches(const Session& session, const std::optional<std::string>& presented) {
  return presented && !session.csrf.empty() &&
         http::constant_time_contains({session.csrf}, *presented);
}

}  // namespace

bool same_origin(const http::Request& request) {
  if (const auto site = request.header("Sec-Fetch-Site"); site && *site == "cross-site") {
    return false;
  }
  const auto origin = request.header("Origin");
  if (!origin) {
    return true;  // not sent by every browser for same-origin posts; Sec-Fetch-Site covers them
  }
  const auto host = request.header("Host");
  if (!host) {
    return false;
  }
  return *origin == "http://" + *host || *origin == "https://" + *host;
}

std::optional<std::string> presented_csrf(const http::Request& request, const Form* form) {
  if (auto header = request.header("X-CSRF-Token")) {
    return header;
  }
  if (form != nullptr) {
    if (auto field = form->get("csrf")) {
      return field;
    }
  }
  // A file upload (multipart/form-data) carries the token as a part of its own.
  if (const http::FormPart* part = request.part("csrf")) {
    return part->content;
  }
  return std::nullopt;
}

bool session_accepts(UiContext& context, const http::Request& request) {
  const UiOptions options = context.options();
  const auto session = context.sessions.resolve(request, options.session_ttl);
  if (!session || !session->authenticated) {
    return false;
  }
  if (is_safe(request.method)) {
    return true;
  }
  if (!same_origin(request)) {
    return false;
  }
  auto form = parse_form(request);
  return csrf_matches(*session, presented_csrf(request, form ? &*form : nullptr));
}

http::Authenticator session_authenticator(UiContext& context) {
  return [&context](const http::Request& request) {
    return session_accepts(context, request) ? http::AuthOutcome::allowed
                                             : http::AuthOutcome::missing;
  };
}

http::Handler page(UiContext& context, UiHandler handler) {
  return [&context, handler = std::move(handler)](const http::Request& request) {
    Visit visit;
    visit.options = context.options();
    auto session = context.sessions.resolve(request, visit.options.session_ttl);
    if (session && (session->authenticated || !visit.options.auth_enabled())) {
      visit.session = std::move(*session);
    } else if (visit.options.auth_enabled()) {
      return redirect_to_login(request);
    } else {
      auto opened = context.sessions.open(false);
      if (!opened) {
        return error_page(context, 503, "Session unavailable", opened.error().message);
      }
      visit.session = std::move(*opened);
      visit.set_cookie = SessionManager::cookie(visit.session, visit.options.cookies_secure);
    }
    http::Response response = handler(context, request, visit);
    if (visit.set_cookie) {
      response.set_header("Set-Cookie", *visit.set_cookie);
    }
    return response;
  };
}

namespace {

// action() and upload(): the same checks, the body read as a form or taken as multipart parts.
http::Handler post_handler(UiContext& context, UiHandler handler, bool takes_file) {
  return [&context, handler = std::move(handler), takes_file](const http::Request& request) {
    if (!same_origin(request)) {
      return error_page(context, 403, "Cross-site request refused",
                        "This form was sent from another site. Open Harmony directly and try "
                        "again.");
    }
    Visit visit;
    visit.options = context.options();
    if (takes_file && request.parts.empty()) {
      return error_page(context, 415, "Unreadable form",
                        "A file is sent as multipart/form-data; use the page's upload form.");
    }
    if (!takes_file) {
      auto form = parse_form(request);
      if (!form) {
        return error_page(context, form_error_status(request), "Unreadable form",
                          form.error().message);
      }
      visit.form = std::move(*form);
    }
    auto session = context.sessions.resolve(request, visit.options.session_ttl);
    if (!session || (visit.options.auth_enabled() && !session->authenticated)) {
      return error_page(context, 401, "Session expired",
                        "Your session has ended. Log in again, then repeat the action.");
    }
    if (!csrf_matches(*session, presented_csrf(request, &visit.form))) {
      return error_page(context, 403, "Missing or wrong CSRF token",
                        "The form did not carry this session's security token. Reload the page "
                        "and submit it again.");
    }
    visit.session = std::move(*session);
    return handler(context, request, visit);
  };
}

}  // namespace

http::Handler action(UiContext& context, UiHandler handler) {
  return post_handler(context, std::move(handler), false);
}

http::Handler upload(UiContext& context, UiHandler handler) {
  return post_handler(context, std::move(handler), true);
}

}  // namespace harmony::harmonyd::ui
