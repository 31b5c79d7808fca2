#!/usr/bin/env bash
# Runs inside a pristine debian:bookworm container (package-test.sh); /pkg holds harmony.deb and,
# for the upgrade, harmony-prev.deb. Prints each step; the first failed check ends it (exit 1).
set -euo pipefail
scenario=$1
export DEBIAN_FRONTEND=noninteractive
fail() {
  echo "package-test ($scenario): FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }
quiet() { # quiet LOG COMMAND...: run, show the log only when it fails
  local log=$1
  shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; fail "'$*' exited $?"; }
}
version_of() { dpkg-query -W -f='${Version}' "$1"; }
ours() { dpkg -L harmony | { grep -E "$1" || true; } | sort; } # none found: the caller says so

# No init system runs here: like any chroot, refuse service starts by other packages' maintainer
# scripts (docker.io, avahi-daemon). Ours never start anything, so this hides nothing of ours.
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
chmod 0755 /usr/sbin/policy-rc.d
quiet /tmp/update.log apt-get update

case "$scenario" in
install)
  step "apt-get install ./harmony.deb (with its Recommends: Docker, Avahi)"
  quiet /tmp/install.log apt-get install -y /pkg/harmony.deb
  for dep in docker.io avahi-daemon; do
    dpkg-query -W "$dep" >/dev/null 2>&1 || fail "Recommends did not bring in $dep"
  done
  step "every program answers --help"
  programs=$(ours '^/usr/bin/')
  [ "$(echo "$programs" | wc -l)" -ge 6 ] || fail "expected 6 programs in /usr/bin, the package has: $programs"
  for program in $programs; do
    out=$("$program" --help 2>&1) || fail "$program --help exited $? with: $out"
    grep -qi "usage" <<<"$out" || fail "$program --help printed no usage: $out"
    echo "   $program --help: ok ($(wc -l <<<"$out") lines)"
  done
  step "every unit passes systemd-analyze verify"
  quiet /tmp/systemd.log apt-get install -y --no-install-recommends systemd
  units=$(ours '^/lib/systemd/system/.*\.service$')
  [ "$(echo "$units" | wc -l)" -ge 5 ] || fail "expected 5 units, the package has: $units"
  # Verified together: they name each other (BindsTo=, After=). Exit code only; output shown.
  # shellcheck disable=SC2086
  systemd-analyze verify --man=no $units || fail "systemd-analyze verify exited $? for: $units"
  echo "   verified: $(tr "\n" " " <<<"$units")"
  step "nothing enabled or started"
  enabled=$(find /etc/systemd/system -name 'harmony*' -o -name 'tidal*' | sort)
  [ -z "$enabled" ] || fail "installation enabled units: $enabled"
  # No procps in a minimal system: read the process names from /proc.
  running=$(cat /proc/[0-9]*/comm 2>/dev/null | grep -x -e harmonyd -e harmony-watchdog -e volume-bridge || true)
  [ -z "$running" ] || fail "installation started $running"
  step "conffiles and paths the docs name"
  for path in /etc/harmony/harmony.env /etc/tidal-connect/tidal.env \
    /usr/share/harmony/watchdog/tidal.yml /usr/share/harmony/watchdog/harmony.yml \
    /usr/share/dbus-1/system.d/org.mpris.MediaPlayer2.tidal.conf \
    /usr/share/doc/harmony/copyright /usr/share/doc/harmony/changelog.Debian.gz; do
    [ -f "$path" ] || fail "$path is missing"
  done
  conffiles=$(dpkg-query -W -f='${Conffiles}' harmony | awk 'NF {print $1}' | sort | tr '\n' ' ')
  [ "$conffiles" = "/etc/harmony/harmony.env /etc/tidal-connect/tidal.env " ] ||
    fail "conffiles are '$conffiles'"
  ;;
upgrade)
  step "previous build on a host without Docker or Avahi"
  apt-get install -y --no-install-recommends /pkg/harmony-prev.deb >/tmp/prev.log 2>&1 ||
    { cat /tmp/prev.log >&2; fail "installing the previous build failed"; }
  grep -q "Docker is not installed" /tmp/prev.log || fail "postinst did not say Docker is missing"
  grep -q "avahi-daemon is not installed" /tmp/prev.log || fail "postinst did not say Avahi is missing"
  grep "^harmony:" /tmp/prev.log | sed 's/^/   /'
  previous=$(version_of harmony)
  step "the operator edits tidal.env"
  sed -i 's/^FRIENDLY_NAME=.*/FRIENDLY_NAME=Kitchen Speaker/' /etc/tidal-connect/tidal.env
  step "upgrade from $previous with apt-get install ./harmony.deb (no prompt: stdin closed)"
  quiet /tmp/upgrade.log apt-get install -y --no-install-recommends /pkg/harmony.deb </dev/null
  current=$(version_of harmony)
  [ "$current" != "$previous" ] || fail "version is still $previous after the upgrade"
  dpkg --compare-versions "$current" gt "$previous" || fail "$current is not newer than $previous"
  grep -qx "FRIENDLY_NAME=Kitchen Speaker" /etc/tidal-connect/tidal.env ||
    fail "the edited /etc/tidal-connect/tidal.env was not kept: $(cat /etc/tidal-connect/tidal.env)"
  cmp /etc/harmony/harmony.env /usr/share/harmony/examples/harmony.env.example ||
    fail "the unedited /etc/harmony/harmony.env did not follow the new package"
  leftovers=$(find /etc/harmony /etc/tidal-connect -name '*.dpkg-*' -o -name '*.ucf-*')
  [ -z "$leftovers" ] || fail "the upgrade left $leftovers"
  echo "   $previous -> $current: tidal.env kept, harmony.env updated"
  ;;
purge)
  snapshot() {
    find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
      -o -path /var/tmp -o -path /var/cache -o -path /var/log -o -path /var/lib/apt \
      -o -path /var/lib/dpkg -o -path /pkg \) -prune -o -printf '%p %y %m %u:%g\n' | sort
  }
  snapshot >/tmp/before.txt
  step "install without Recommends"
  quiet /tmp/install.log apt-get install -y --no-install-recommends /pkg/harmony.deb
  harmonyd --help >/dev/null || fail "harmonyd --help exited $?"
  step "remove: programs go, conffiles stay"
  quiet /tmp/remove.log apt-get remove -y harmony
  [ ! -e /usr/bin/harmonyd ] || fail "/usr/bin/harmonyd is still there after remove"
  [ -f /etc/harmony/harmony.env ] || fail "remove deleted the conffile /etc/harmony/harmony.env"
  [ "$(dpkg-query -W -f='${db:Status-Status}' harmony)" = config-files ] ||
    fail "status after remove is $(dpkg-query -W -f='${Status}' harmony)"
  step "purge: conffiles go"
  quiet /tmp/purge.log apt-get purge -y harmony
  for dir in /etc/harmony /etc/tidal-connect /usr/share/harmony /usr/share/doc/harmony; do
    [ ! -e "$dir" ] || fail "$dir is still there after purge: $(find "$dir")"
  done
  ! dpkg-query -W harmony >/dev/null 2>&1 || fail "dpkg still knows harmony after purge"
  step "autoremove the dependencies: the file system is as before"
  quiet /tmp/autoremove.log apt-get autoremove --purge -y
  snapshot >/tmp/after.txt
  diff -u /tmp/before.txt /tmp/after.txt || fail "paths differ from before the install (above)"
  echo "   $(wc -l </tmp/after.txt) paths, identical"
  ;;
*) fail "unknown scenario '$scenario' (install, upgrade or purge)" ;;
esac
echo "package-test ($scenario): PASS"
