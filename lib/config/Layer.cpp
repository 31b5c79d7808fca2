#include "config/Layer.hpp"

#include <fmt/format.h>

namespace harmony::config {

std::string Origin::describe() const {
  return line > 0 ? fmt::format("{}:{}", source, line) : source;
}

}  // namespace harmony::config
