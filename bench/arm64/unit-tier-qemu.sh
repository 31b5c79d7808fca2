#!/usr/bin/env bash
# The unit tier cross-built for arm64 and run under qemu-user-static (CI-optional: cross builds
# are CPU-heavy, so CI does not run this; results go to docs/benchmarks.md).
#
#   bench/arm64/unit-tier-qemu.sh [JOBS]          (default 1 compile job, niced)
#
# Needs crossbuild-essential-arm64 and what packaging/deb/make-sysroot.sh needs (mmdebstrap,
# arch-test, qemu-user-static, binfmt-support); builds the arm64 root build/sysroot-arm64 (shared
# with `make deb ARCH=arm64`) when it is missing, then build/cross-arm64-tests, then runs
# `ctest -L unit` there: CTest starts every test through qemu-aarch64-static with the root as its
# library prefix (CMAKE_CROSSCOMPILING_EMULATOR). Prints the summary and the wall time of the run.
set -euo pipefail
jobs=${1:-1}
source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$source_root/build/cross-arm64-tests
sysroot=${HARMONY_CROSS_SYSROOT:-$source_root/build/sysroot-arm64}
command -v aarch64-linux-gnu-g++ >/dev/null ||
  { echo "aarch64-linux-gnu-g++ is missing: apt-get install crossbuild-essential-arm64" >&2; exit 69; }
"$source_root/packaging/deb/make-sysroot.sh" arm64 "$sysroot"
cmake -S "$source_root" -B "$build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$source_root/cmake/toolchains/aarch64-linux-gnu.cmake" \
  -DHARMONY_CROSS_SYSROOT="$sysroot" \
  "-DCMAKE_CROSSCOMPILING_EMULATOR=qemu-aarch64-static;-L;$sysroot" \
  -DCMAKE_BUILD_TYPE=Debug -DHARMONY_BUILD_BENCH=OFF -DHARMONY_WERROR="${HARMONY_WERROR:-ON}" >/dev/null
nice -n 19 cmake --build "$build" --target unit_tests -j "$jobs"
echo "== $(date -u +%FT%TZ) host $(uname -m), $(nproc) cores, $(qemu-aarch64-static --version | head -1)"
file -b "$(find "$build/tests/unit" -type f -name 'unit_*' -perm -u+x | head -1)" | cut -d, -f1-2
start=$(date +%s.%N)
ctest --test-dir "$build" -L '^unit$' --output-on-failure -j "$jobs" | tail -n 15
echo "wall: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f s", e - s}')"
