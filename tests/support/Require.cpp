#include "support/Require.hpp"

#include <cstdlib>
#include <string_view>

namespace harmony::testing {

bool running_in_ci() {
  const char* ci = std::getenv("CI");
  if (ci == nullptr) {
    return false;
  }
  const std::string_view value(ci);
  return value == "true" || value == "1" || value == "yes";
}

}  // namespace harmony::testing
