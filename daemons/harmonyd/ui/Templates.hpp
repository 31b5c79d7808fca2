#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace harmony::harmonyd::ui {

// Renders a named template (templates/<name>.mustache) with a JSON view. Implementations escape
// every {{value}} for HTML; {{{value}}} is reserved for HTML another render produced. Thread-safe.
class Templates {
 public:
  virtual ~Templates() = default;
  virtual std::string render(std::string_view name, const nlohmann::json& view) const = 0;
};

}  // namespace harmony::harmonyd::ui
