#!/usr/bin/env bash
# harmony-watchdog against the TIDAL Connect project's tidal-watchdog.sh (re-typed in seed/),
# side by side in the same run, both watching the same healthy container on the real engine:
#
#   bench/pi-budget/watchdog-idle.sh [BUILD_DIR] [SECONDS]     (default build/release, 600)
#
# Phase 1 (SECONDS): both run unobserved; CPU = utime+stime of the process and of the children it
# waited for (the seed's docker/grep/tee), from /proc; RSS at the end (the seed: its bash only).
# Phase 2 (120 s): both again under `strace -f -e trace=execve`, counting programs started per
# minute. dockerd's own work for their requests is not counted (the same engine serves both).
# Run it where systemd answers on the system bus (a Pi, or inside tests/harness/testhost.sh's
# container): harmony-watchdog refuses to start without it.
set -euo pipefail
build=${1:-build/release}
seconds=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
watchdog=$build/daemons/harmony-watchdog/harmony-watchdog
# shellcheck source=proc-usage.sh
source "$here/proc-usage.sh"
[ -x "$watchdog" ] || { echo "no harmony-watchdog at $watchdog; build it first" >&2; exit 69; }
command -v strace >/dev/null || { echo "strace is missing (apt-get install strace)" >&2; exit 69; }
docker image inspect harmony-test/busybox:latest >/dev/null 2>&1 ||
  { echo "harmony-test/busybox:latest is missing: tests/harness/images.sh busybox" >&2; exit 69; }
container="pibench-speaker-$$"
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  docker rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# A quiet, healthy "speaker": no network, one long sleep (the watchdog's process check looks for it).
docker run -d --name "$container" --network none harmony-test/busybox:latest sleep 100000 >/dev/null
# The tidal preset, pointed at that container; no HTTP endpoint and no mDNS check (no Avahi here).
sed -e "s/container: tidal_connect/container: $container/" -e "s/process: tidal_connect_application/process: sleep/" \
    -e 's/^  port: 9620.*/  port: 0/' -e '/^    mdns:/,/^      env_file:/d' \
    "$source_root/docs/watchdog/tidal.yml" >"$tmp/watchdog.yml"
"$watchdog" --config "$tmp/watchdog.yml" --check-config >/dev/null

run_pair() { # run_pair [TRACE_PREFIX]: start both; with a prefix, each under strace writing PREFIX.<name>
  if [ $# -eq 0 ]; then
    "$watchdog" --config "$tmp/watchdog.yml" >"$tmp/ours.log" 2>&1 &
    ours=$!
    "$here/seed/tidal-watchdog.sh" "$container" "$tmp/seed-watchdog.log" >/dev/null 2>&1 &
    seed=$!
  else
    strace -f -qq -e trace=execve -o "$1.ours" "$watchdog" --config "$tmp/watchdog.yml" >"$tmp/ours.log" 2>&1 &
    ours=$!
    strace -f -qq -e trace=execve -o "$1.seed" "$here/seed/tidal-watchdog.sh" "$container" "$tmp/seed-watchdog.log" >/dev/null 2>&1 &
    seed=$!
  fi
  pids=("$ours" "$seed")
}
stop_pair() { # the traced programs first (strace would only detach), then strace
  local p
  for p in $(pgrep -P "$ours") $(pgrep -P "$seed") "$ours" "$seed"; do kill "$p" 2>/dev/null || true; done
  wait "$ours" "$seed" 2>/dev/null || true
}

echo "== $(date -u +%FT%TZ) $(uname -m) $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); ${seconds}s"
run_pair
sleep 5 # past start-up, so both are measured in their steady loop
kill -0 "$ours" 2>/dev/null || { cat "$tmp/ours.log" >&2; echo "harmony-watchdog exited" >&2; exit 70; }
kill -0 "$seed" 2>/dev/null || { echo "the seed watchdog exited" >&2; exit 70; }
o0=$(( $(cpu_ticks "$ours") + $(cpu_children_ticks "$ours") ))
s0=$(( $(cpu_ticks "$seed") + $(cpu_children_ticks "$seed") ))
sleep "$seconds"
o1=$(( $(cpu_ticks "$ours") + $(cpu_children_ticks "$ours") ))
s1=$(( $(cpu_ticks "$seed") + $(cpu_children_ticks "$seed") ))
echo "| program | CPU % of a core (${seconds}s) | RSS kB | threads |"
echo "|---|---|---|---|"
echo "| harmony-watchdog | $(percent $((o1 - o0)) "$seconds") | $(status_kb "$ours" VmRSS) | $(threads "$ours") |"
echo "| seed tidal-watchdog.sh | $(percent $((s1 - s0)) "$seconds") | $(status_kb "$seed" VmRSS) (bash) | 1 |"
stop_pair

run_pair "$tmp/trace"
sleep 120
stop_pair
# Each file starts with the program's own execve; the rest are the programs it started.
echo "| program | programs started per minute (120 s under strace -f) |"
echo "|---|---|"
echo "| harmony-watchdog | $(( ($(grep -c 'execve(' "$tmp/trace.ours") - 1) / 2 )) |"
echo "| seed tidal-watchdog.sh | $(( ($(grep -c 'execve(' "$tmp/trace.seed") - 1) / 2 )) |"
