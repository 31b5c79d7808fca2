#!/usr/bin/env bash
# Builds the target root a cross build compiles and links against:
#
#   make-sysroot.sh ARCH DIR      ARCH: arm64 or armhf
#
# A Debian 12 root of ARCH (mmdebstrap, variant apt, from this machine's Debian mirror) holding the
# -dev packages of packaging/deb/cross-libs.txt and GoogleTest's (for the unit tier under qemu,
# bench/arm64/unit-tier-qemu.sh; the package does not link them). Nothing is installed on the build machine itself: multiarch `<package>:ARCH`
# installs need the target's library versions to equal the machine's own, which a mirror in the
# middle of a sync does not guarantee, and some -dev packages (libyaml-cpp-dev) are not
# co-installable at all. Maintainer scripts run under qemu-user-static (binfmt_misc), so the root
# has a real dpkg database: dpkg-shlibdeps reads the libraries' symbols files from it.
#
# A bookworm-security index the mirror serves broken (it happens mid-sync, for one architecture)
# is reported and left out, and the root is built from bookworm and bookworm-updates: the package
# then depends on the same library packages, only headers of a point release older may be used.
# A finished root is marked with DIR/.harmony-sysroot (its package list) and reused while the
# list is the same. Exit codes: 64 usage, 69 a tool missing or the mirror unreachable.
set -euo pipefail
source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

fail() { # fail CODE MESSAGE
  echo "make-sysroot: $2" >&2
  exit "$1"
}

[ $# -eq 2 ] || fail 64 "usage: make-sysroot.sh ARCH DIR"
arch=$1
dir=$2
case "$arch" in
  arm64) qemu=qemu-aarch64 ;;
  armhf) qemu=qemu-arm ;;
  *) fail 64 "unsupported architecture '$arch' for a sysroot; choose arm64 or armhf" ;;
esac

packages=$(sed -e 's/#.*//' "$source_root/packaging/deb/cross-libs.txt" | xargs)
packages="$packages libgtest-dev libgmock-dev"
# Absolute links inside the root (libz.so -> /lib/TRIPLET/libz.so.1…) point at the build machine's
# files, or at nothing: the linker then skips the .so and quietly links the static libz.a into
# the programs. Made relative, they resolve inside the root. Idempotent.
relink() {
  local link target
  while IFS= read -r -d '' link; do
    target=$(readlink "$link")
    ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$dir$target")" "$link"
  done < <(find "$dir/usr" -type l -lname '/*' -print0)
}

if [ -f "$dir/.harmony-sysroot" ] && [ "$(cat "$dir/.harmony-sysroot")" = "$packages" ]; then
  relink
  exit 0
fi

for tool in mmdebstrap arch-test "$qemu-static"; do
  command -v "$tool" >/dev/null ||
    fail 69 "'$tool' is missing; install the cross-build packages: scripts/deps.sh cross"
done
# Foreign maintainer scripts run through binfmt_misc (a container may not have it mounted).
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null ||
    fail 69 "binfmt_misc is not mounted and cannot be (mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc as root)"
fi
[ -e "/proc/sys/fs/binfmt_misc/$qemu" ] || update-binfmts --enable "$qemu" >/dev/null 2>&1 ||
  fail 69 "binfmt_misc has no $qemu entry; install binfmt-support and qemu-user-static, then: update-binfmts --enable $qemu"

mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
suites=("deb $mirror bookworm main" "deb $mirror bookworm-updates main")
security="deb ${mirror%/debian}/debian-security bookworm-security main"

build() { # build SOURCES...: mmdebstrap into DIR, its log beside DIR
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  mmdebstrap --arch="$arch" --variant=apt --include="${packages// /,}" bookworm "$dir" "$@" \
    >"$dir.log" 2>&1
}

echo "make-sysroot: building the $arch root in $dir (a few minutes; log: $dir.log)" >&2
if ! build "${suites[@]}" "$security"; then
  grep -q 'debian-security.*binary-'"$arch"'.*\(unexpected size\|Hash Sum mismatch\)' "$dir.log" ||
    { tail -n 20 "$dir.log" >&2; fail 69 "mmdebstrap failed for $arch (log: $dir.log)"; }
  echo "make-sysroot: the mirror's bookworm-security index for $arch is broken (mid-sync); building from bookworm and bookworm-updates only" >&2
  build "${suites[@]}" || { tail -n 20 "$dir.log" >&2; fail 69 "mmdebstrap failed for $arch (log: $dir.log)"; }
fi
relink
echo "$packages" >"$dir/.harmony-sysroot"
