#pragma once

namespace harmony {

// glibc gives each thread that allocates its own malloc arena (up to 8 per core), and an idle
// arena keeps the memory freed into it: resident memory a daemon never uses again
// (bench/pi-budget/harmonyd-memory.sh measured ~3 MB after a burst over harmonyd's HTTP workers).
// Caps the arenas at `arenas` before any thread starts; MALLOC_ARENA_MAX in the environment wins.
void limit_malloc_arenas(int arenas) noexcept;

}  // namespace harmony
