#!/usr/bin/env bash
# The unit tier cross-built for arm64 and run under qemu-user-static (CI-optional: cross builds
# are CPU-heavy, so CI does not run this; results go to docs/benchmarks.md).
#
#   bench/arm64/unit-tier-qemu.sh [JOBS]          (default 1 compile job, niced)
#
# Needs crossbuild-essential-arm64, qemu-user-static and the arm64 -dev packages of
# packaging/deb/cross-libs.txt plus libgtest-dev:arm64 libgmock-dev:arm64
# (dpkg --add-architecture arm64; apt-get update). Builds build/cross-arm64-tests, then runs
# `ctest -L unit` there: CTest starts every test through qemu-aarch64-static
# (CMAKE_CROSSCOMPILING_EMULATOR). Prints the summary and the wall time of the run.
set -euo pipefail
jobs=${1:-1}
source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$source_root/build/cross-arm64-tests
command -v aarch64-linux-gnu-g++ >/dev/null ||
  { echo "aarch64-linux-gnu-g++ is missing: apt-get install crossbuild-essential-arm64" >&2; exit 69; }
command -v qemu-aarch64-static >/dev/null ||
  { echo "qemu-aarch64-static is missing: apt-get install qemu-user-static" >&2; exit 69; }
for pkg in libgtest-dev libgmock-dev $(sed -e 's/#.*//' "$source_root/packaging/deb/cross-libs.txt"); do
  apt-cache show "$pkg" 2>/dev/null | awk '/^Multi-Arch: same/ {same = 1} END {exit !same}' || continue
  [ "$(dpkg-query -W -f='${Status}' "$pkg:arm64" 2>/dev/null)" = "install ok installed" ] ||
    { echo "$pkg:arm64 is missing: dpkg --add-architecture arm64 && apt-get update && apt-get install $pkg:arm64" >&2; exit 69; }
done
# libyaml-cpp-dev:arm64 is not co-installable: use the copy `make deb ARCH=arm64` unpacked.
overlay=$source_root/build/deb-arm64/cross-overlay/usr
[ -d "$overlay" ] || { echo "run 'make deb ARCH=arm64' first (it unpacks libyaml-cpp-dev:arm64 into $overlay)" >&2; exit 69; }
cmake -S "$source_root" -B "$build" -G Ninja -DCMAKE_PREFIX_PATH="$overlay" \
  -DCMAKE_TOOLCHAIN_FILE="$source_root/cmake/toolchains/aarch64-linux-gnu.cmake" \
  -DCMAKE_CROSSCOMPILING_EMULATOR=qemu-aarch64-static \
  -DCMAKE_BUILD_TYPE=Debug -DHARMONY_BUILD_BENCH=OFF -DHARMONY_WERROR="${HARMONY_WERROR:-ON}" >/dev/null
nice -n 19 cmake --build "$build" --target unit_tests -j "$jobs"
echo "== $(date -u +%FT%TZ) host $(uname -m), $(nproc) cores, $(qemu-aarch64-static --version | head -1)"
file -b "$(find "$build/tests/unit" -type f -name 'unit_*' -perm -u+x | head -1)" | cut -d, -f1-2
start=$(date +%s.%N)
ctest --test-dir "$build" -L '^unit$' --output-on-failure -j "$jobs" | tail -n 15
echo "wall: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f s", e - s}')"
