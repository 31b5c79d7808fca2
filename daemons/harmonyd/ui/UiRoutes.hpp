#pragma once

#include <vector>

#include "http/Router.hpp"
#include "ui/UiContext.hpp"

namespace harmony::harmonyd::ui {

// The UI's rows of harmonyd's route table: `/` → `/ui/`, the pages, their htmx fragments under
// /ui/partials/, the form actions, login/logout and /ui/assets/. Pages and actions are guarded
// routes (a key or a session, see session_accepts); login and assets are open.
std::vector<http::Route> routes(UiContext& context);

// Turns the API's JSON errors on /ui/ paths (401 from the auth step, 429 from the rate
// limiter, 404/405 from the router) into pages a person can act on; a 401 on a page becomes a
// redirect to the login form.
http::Middleware page_errors(UiContext& context);

}  // namespace harmony::harmonyd::ui
