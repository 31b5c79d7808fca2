#include "containers/ContainerName.hpp"

namespace harmony::containers {

bool is_valid_container_name(std::string_view name) noexcept {
  auto allowed = [](char c, bool first) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || (!first && (c == '_' || c == '.' || c == '-'));
  };
  if (name.size() < 2 || name.size() > 255) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!allowed(name[i], i == 0)) {
      return false;
    }
  }
  return true;
}

}  // namespace harmony::containers
