#!/usr/bin/env bash
# Checks every configured unit with `systemd-analyze verify` (syntax, directives, executables).
# The units name installed paths (@HARMONY_BINDIR@); for the check they are pointed at the
# programs just built, so a unit calling a program we do not build fails here.
#   verify-units.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
command -v systemd-analyze >/dev/null || { echo "systemd-analyze missing (apt-get install systemd)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/units"
for program in "$build"/tools/*/* "$build"/daemons/*/*; do
  [ -f "$program" ] && [ -x "$program" ] && ln -sf "$program" "$work/bin/$(basename "$program")"
done
bindir=$(sed -n 's/^CMAKE_INSTALL_FULL_BINDIR:[A-Z]*=//p' "$build/CMakeCache.txt")
bindir=${bindir:-/usr/local/bin}
count=0
for unit in "$build"/units/*.service; do
  sed "s#${bindir}/#$work/bin/#g" "$unit" >"$work/units/$(basename "$unit")"
  count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "no units configured under $build/units" >&2; exit 1; }
# Units refer to each other (After=, Requires=); verify them together.
out=$(cd "$work/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service 2>&1 || true)
# Units reference host services (docker.service, avahi-daemon.service) that a build machine
# need not have; every other message is a defect in our units.
problems=$(printf '%s\n' "$out" | grep -v -E "^$|(docker|avahi-daemon|network-online)\.(service|target)" || true)
if [ -n "$problems" ]; then
  printf '%s\n' "$problems" >&2
  exit 1
fi
echo "verified $count unit(s)"
