#include "core/MallocArenas.hpp"

#include <malloc.h>

#include <cstdlib>

namespace harmony {

void limit_malloc_arenas(int arenas) noexcept {
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) {
    mallopt(M_ARENA_MAX, arenas);
  }
}

}  // namespace harmony
