#!/usr/bin/env bash
# The .deb in a pristine Debian 12 container (debian:bookworm from tests/harness/images.sh), with
# its dependencies resolved by apt from Debian's mirror (host network: the only reachable one).
#
#   package-test.sh install|upgrade|purge DEB
#
#   install  apt-get install ./DEB with its Recommends (Docker, Avahi), as an operator would:
#            every program in /usr/bin answers --help; every unit passes `systemd-analyze verify`
#            (exit code 0); nothing got enabled or started.
#   upgrade  a previous build (DEB repacked with a lower version and a different harmony.env)
#            installed without Recommends (a host without Docker or Avahi: postinst must say so
#            and succeed); the operator edits tidal.env; apt-get installs DEB over it: the edited
#            conffile is kept, the unedited one follows the new package, no prompt.
#   purge    install, remove (conffiles stay), purge (they go), autoremove the dependencies:
#            the file system is the same as before the install, path for path.
set -euo pipefail
scenario=${1:?usage: package-test.sh install|upgrade|purge DEB}
deb=${2:?usage: package-test.sh install|upgrade|purge DEB}
[ -f "$deb" ] || { echo "package-test: no package at $deb; build it: make deb" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /var/tmp/harmony-pkgtest.XXXXXX)
name="harmony-pkgtest-$scenario-$$"
cleanup() {
  docker rm --force "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cp "$deb" "$work/harmony.deb"

if [ "$scenario" = upgrade ]; then
  # The previous build: same files, version lowered, harmony.env's shipped text changed (so the
  # upgrade must replace an unedited conffile while keeping an edited one).
  dpkg-deb -R "$deb" "$work/prev"
  sed -i 's/^Version: \(.*\)$/Version: \1~prev/' "$work/prev/DEBIAN/control"
  echo "# previous build" >>"$work/prev/etc/harmony/harmony.env"
  (cd "$work/prev" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z |
    xargs -0 md5sum >DEBIAN/md5sums)
  dpkg-deb --root-owner-group -b "$work/prev" "$work/harmony-prev.deb" >/dev/null
  rm -rf "$work/prev"
fi
cp "$here/in-container.sh" "$work/"
# A pristine container each time; --network host for apt; the package folder read-only. apt's
# downloads and package lists are kept on the host between scenarios (HARMONY_PKGTEST_APT_CACHE):
# the three scenarios would each fetch the same dependencies otherwise. They are caches outside
# the installed system (the purge scenario's snapshot leaves them out as well).
cache=${HARMONY_PKGTEST_APT_CACHE:-/var/cache/harmony-pkgtest}
mkdir -p "$cache/archives/partial" "$cache/lists/partial"
docker run --name "$name" --network host -v "$work:/pkg:ro" \
  -v "$cache/archives:/var/cache/apt/archives" -v "$cache/lists:/var/lib/apt/lists" debian:bookworm \
  bash /pkg/in-container.sh "$scenario"
