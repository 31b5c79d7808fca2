#pragma once

#include "ui/Console.hpp"
#include "ui/LoginThrottle.hpp"
#include "ui/SessionManager.hpp"
#include "ui/Templates.hpp"

namespace harmony::harmonyd::ui {

// Everything a UI handler may use; owned by the App, alive while the server runs.
struct UiContext {
  Console& console;
  const Templates& templates;
  SessionManager& sessions;
  LoginThrottle& throttle;
  UiOptionsSource options;
};

}  // namespace harmony::harmonyd::ui
