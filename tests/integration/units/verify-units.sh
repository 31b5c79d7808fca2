#!/usr/bin/env bash
# Checks every configured unit with `systemd-analyze verify` (syntax, directives, executables,
# dependencies). The units name installed paths (@HARMONY_BINDIR@); for the check they are
# pointed at the programs just built, so a unit calling a program we do not build fails here.
# The check fails when systemd-analyze exits non-zero or prints anything at all (an unknown key
# is only a warning to systemd, but a defect in a unit we ship).
#   verify-units.sh BUILD_DIR [UNIT_FILE...]   (default: every BUILD_DIR/units/*.service)
set -euo pipefail
build=$(cd "$1" && pwd)
shift
command -v systemd-analyze >/dev/null || { echo "systemd-analyze missing (apt-get install systemd)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/units" "$work/host"
for program in "$build"/tools/*/* "$build"/daemons/*/*; do
  [ -f "$program" ] && [ -x "$program" ] && ln -sf "$program" "$work/bin/$(basename "$program")"
done
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
prefix=$(cache_value CMAKE_INSTALL_PREFIX)
bindir=$(cache_value CMAKE_INSTALL_BINDIR)
bindir=${bindir:-bin}
[[ "$bindir" == /* ]] || bindir=${prefix:-/usr/local}/$bindir
# Only the paths of our own programs are rewritten: with prefix /usr, /usr/bin/docker stays.
programs=$(cd "$work/bin" && ls | sed 's/[.+]/\\&/g' | paste -sd '|')
units=("$@")
[ ${#units[@]} -gt 0 ] || units=("$build"/units/*.service)
count=0
for unit in "${units[@]}"; do
  [ -f "$unit" ] || continue
  sed -E "s#${bindir}/($programs)([^[:alnum:]_-]|\$)#$work/bin/\1\2#g" "$unit" >"$work/units/$(basename "$unit")"
  count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "no units to verify (looked at: ${units[*]})" >&2; exit 1; }
# The units depend on services of the host (docker.service, avahi-daemon.service). A build
# machine without those packages gets a minimal stand-in for exactly the missing ones, so no
# message is hidden and an installed real unit is always the one checked against.
for host_unit in docker.service avahi-daemon.service; do
  if ! [ -f "/etc/systemd/system/$host_unit" ] && ! [ -f "/lib/systemd/system/$host_unit" ] &&
    ! [ -f "/usr/lib/systemd/system/$host_unit" ]; then
    printf '[Unit]\nDescription=stand-in for %s\n[Service]\nExecStart=/bin/true\n' "$host_unit" \
      >"$work/host/$host_unit"
  fi
done
# Units refer to each other (After=, Requires=); verify them together. The exit status is
# kept, not discarded: any failure or any message is a defect in our units.
status=0
out=$(cd "$work/units" && SYSTEMD_UNIT_PATH="$work/host:" SYSTEMD_LOG_LEVEL=notice \
  systemd-analyze verify --man=no ./*.service 2>&1) || status=$?
if [ "$status" -ne 0 ] || [ -n "$out" ]; then
  printf '%s\n' "$out" >&2
  echo "systemd-analyze verify failed (exit status $status) for: $(cd "$work/units" && echo ./*.service)" >&2
  exit 1
fi
echo "verified $count unit(s)"
