#!/usr/bin/env bash
# Builds the Debian package and checks it with lintian:
#
#   build-deb.sh [ARCH]       ARCH: amd64, arm64 or armhf (default: this machine's)
#
# Configures build/deb-ARCH (Release, prefix /usr, no tests or benchmarks), builds the programs,
# runs CPack's DEB generator and prints the path of harmony_<version>_<ARCH>.deb. Another ARCH
# than the machine's cross-compiles with Debian's cross toolchain (cmake/toolchains/) against a
# root of that architecture holding the -dev packages (packaging/deb/make-sysroot.sh builds it
# once under build/sysroot-ARCH; HARMONY_CROSS_SYSROOT names another). Exit codes: 64 unknown ARCH, 69 a tool or library missing (the
# message says which package to install), 70 lintian found errors, 78 the build tree has another
# install prefix than /usr, 1 the build failed.
# Environment: HARMONY_DEB_BUILD_DIR (default build/deb-ARCH) and HARMONY_DEB_BUILD_TYPE (default
# Release) pick another build tree, e.g. a Debug one to check the packaging quickly.
# HARMONY_DEB_FROM_TREE=DIR packages what an existing build tree of this machine's architecture
# has built (configured with prefix /usr, as the debug preset is), without configuring it or
# compiling more than it lacks: the test tiers package their Debug build this way instead of
# compiling every program a second time (CPack strips the binaries either way).
# HARMONY_DEB_WERROR (default ON; not HARMONY_WERROR, which only CI sets): warnings are errors in
# the package's optimised build too (g++ 12's known optimiser false positives stay warnings; see
# CMakeLists.txt); OFF lets a newer compiler's new warnings through.
set -euo pipefail
source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
host_arch=$(dpkg --print-architecture)
arch=${1:-$host_arch}

fail() { # fail CODE MESSAGE
  echo "build-deb: $2" >&2
  exit "$1"
}

case "$arch" in
  amd64) triplet=x86_64-linux-gnu ;;
  arm64) triplet=aarch64-linux-gnu ;;
  armhf) triplet=arm-linux-gnueabihf ;;
  *) fail 64 "unsupported architecture '$arch'; choose one of: amd64, arm64, armhf (make deb ARCH=arm64)" ;;
esac

for tool in cmake cpack dpkg-shlibdeps lintian; do
  command -v "$tool" >/dev/null ||
    fail 69 "'$tool' is missing; install the build and test packages: scripts/deps.sh test"
done

toolchain=()
if [ "$arch" != "$host_arch" ]; then
  "$source_root/scripts/deps.sh" cross >&2 ||
    fail 69 "cannot install the cross-build packages (scripts/packages.d/cross-arm.txt); install them as root: scripts/deps.sh cross"
  command -v "$triplet-g++" >/dev/null ||
    fail 69 "no cross compiler $triplet-g++ for $arch; install it: apt-get install crossbuild-essential-$arch"
  # The target's libraries and headers: a root of that architecture, built once and reused.
  sysroot=${HARMONY_CROSS_SYSROOT:-$source_root/build/sysroot-$arch}
  "$source_root/packaging/deb/make-sysroot.sh" "$arch" "$sysroot" || exit $?
  toolchain=(-DCMAKE_TOOLCHAIN_FILE="$source_root/cmake/toolchains/$triplet.cmake"
    -DHARMONY_CROSS_SYSROOT="$sysroot")
fi

build=${HARMONY_DEB_FROM_TREE:-${HARMONY_DEB_BUILD_DIR:-$source_root/build/deb-$arch}}
if [ -n "${HARMONY_DEB_FROM_TREE:-}" ]; then
  [ "$arch" = "$host_arch" ] ||
    fail 64 "HARMONY_DEB_FROM_TREE packages this machine's own build ($host_arch), not $arch; unset it to cross-build"
  [ -f "$build/CMakeCache.txt" ] ||
    fail 78 "HARMONY_DEB_FROM_TREE=$build is not a configured build tree; configure it first (cmake --preset debug)"
fi
if [ -z "${HARMONY_DEB_FROM_TREE:-}" ]; then
  cmake -S "$source_root" -B "$build" -G Ninja "${toolchain[@]}" \
    -DCMAKE_BUILD_TYPE="${HARMONY_DEB_BUILD_TYPE:-Release}" -DCMAKE_INSTALL_PREFIX=/usr -DHARMONY_DEB_ARCH="$arch" \
    -DHARMONY_BUILD_TESTS=OFF -DHARMONY_BUILD_BENCH=OFF -DHARMONY_WERROR="${HARMONY_DEB_WERROR:-ON}" >/dev/null
fi
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:[A-Z]*=//p' "$build/CMakeCache.txt")
[ "$prefix" = /usr ] || fail 78 "$build/CMakeCache.txt: CMAKE_INSTALL_PREFIX is '$prefix', the package needs /usr; remove $build and retry"
nice -n 19 cmake --build "$build"

rm -f "$build"/harmony_*.deb
# dpkg-shlibdeps reads the target architecture from DEB_HOST_ARCH (multiarch library paths). For
# a cross build it must find the target's libraries at their installed paths and the packages
# owning them in the root's dpkg database: cpack runs in a mount namespace of its own where the
# root's library folder is bind-mounted over the machine's /usr/lib/TRIPLET.
package() {
  if [ "$arch" = "$host_arch" ]; then
    DEB_HOST_ARCH="$arch" cpack -G DEB
  else
    mkdir -p "/usr/lib/$triplet"
    local as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(--user --map-root-user)
    DEB_HOST_ARCH="$arch" DPKG_ADMINDIR="$sysroot/var/lib/dpkg" unshare "${as_root[@]}" --mount --propagation private \
      sh -c 'mount --bind "$1" "$2" && exec cpack -G DEB' package "$sysroot/usr/lib/$triplet" "/usr/lib/$triplet"
  fi
}
(cd "$build" && package >"$build/cpack.log" 2>&1) ||
  { tail -n 30 "$build/cpack.log" >&2; fail 1 "cpack failed (log: $build/cpack.log)"; }
deb=$(ls "$build"/harmony_*_"$arch".deb)
lintian --fail-on error --suppress-tags-from-file "$source_root/packaging/deb/lintian-suppressed.txt" "$deb" ||
  fail 70 "lintian reports errors in $deb (above)"
echo "$deb"
