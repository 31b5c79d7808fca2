#!/usr/bin/env bash
# Lints the project's C++ sources: clang-format (no changes allowed) and clang-tidy with the
# checks in .clang-tidy, using the compile database of the given build directory.
set -euo pipefail
build_dir=${1:-build/debug}
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
echo "lint: clang-format on ${#sources[@]} files"
clang-format --dry-run --Werror "${sources[@]}"
mapfile -t units < <(git ls-files 'lib/*.cpp' 'daemons/*.cpp' 'tools/*.cpp')
echo "lint: clang-tidy on ${#units[@]} translation units"
clang-tidy -p "$build_dir" --quiet "${units[@]}"
echo "lint: clean"
