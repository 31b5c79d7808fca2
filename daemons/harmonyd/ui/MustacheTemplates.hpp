#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/Result.hpp"
#include "ui/Templates.hpp"

namespace harmony::harmonyd::ui {

// Templates through kainjow::mustache (Debian's libkainjow-mustache-dev): every embedded
// template is parsed once at construction, so a syntax error stops harmonyd at startup
// (ErrorKind::internal naming the template) rather than on the first visit.
class MustacheTemplates final : public Templates {
 public:
  static Result<std::unique_ptr<MustacheTemplates>> load();
  ~MustacheTemplates() override;
  std::string render(std::string_view name, const nlohmann::json& view) const override;

 private:
  struct Parsed;
  explicit MustacheTemplates(std::map<std::string, std::unique_ptr<Parsed>, std::less<>> parsed);
  std::map<std::string, std::unique_ptr<Parsed>, std::less<>> m_parsed;
};

}  // namespace harmony::harmonyd::ui
