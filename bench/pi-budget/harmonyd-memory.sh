#!/usr/bin/env bash
# harmonyd idle memory: where the resident set goes and what each setting saves.
#
#   bench/pi-budget/harmonyd-memory.sh [BUILD_DIR] [IDLE_SECONDS] [BASELINE_BUILD_DIR]
#                                                     (default build/release, 60, none)
#
# For each variant: start harmonyd (container profile, temporary directories, loopback), wait for
# /api/health/live, send 200 requests over 8 connections (so worker threads and malloc arenas are
# touched as after real use), stay idle IDLE_SECONDS, then read VmRSS, RssAnon, RssFile, the
# thread count and an smaps breakdown, and the CPU used while idle. The baseline of the same run
# is BASELINE_BUILD_DIR's harmonyd with its defaults (e.g. a build of main) when given, else the
# first variant.
set -euo pipefail
build=${1:-build/release}
idle=${2:-60}
baseline_build=${3:-}
harmonyd=$build/daemons/harmonyd/harmonyd
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=proc-usage.sh
source "$here/proc-usage.sh"
for program in "$harmonyd" ${baseline_build:+"$baseline_build/daemons/harmonyd/harmonyd"}; do
  [ -x "$program" ] || { echo "no harmonyd at $program; build it: cmake --build --preset release --target harmonyd" >&2; exit 69; }
done
command -v curl >/dev/null || { echo "curl is missing (apt-get install curl)" >&2; exit 69; }
tmp=$(mktemp -d)
pid=""
cleanup() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; } || true; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

measure() { # measure NAME ENV...   (HARMONYD=path in ENV runs another binary)
  local name=$1 port url t0 t1 program=$harmonyd
  shift
  if [[ ${1:-} == HARMONYD=* ]]; then
    program=${1#HARMONYD=}
    shift
  fi
  port=$(free_port)
  rm -rf "$tmp/state" && mkdir -p "$tmp/state"
  env "$@" HARMONY_PROFILE=container CONFIG_DIR="$tmp/state/config" DOWNLOADS_DIR="$tmp/state/dl" \
    MUSIC_DIR="$tmp/state/music" APP_HOST=127.0.0.1 APP_PORT="$port" "$program" 2>"$tmp/log" &
  pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 200); do curl -sf "$url/api/health/live" >/dev/null && break; sleep 0.05; done
  curl -sf "$url/api/health/live" >/dev/null || { cat "$tmp/log" >&2; echo "harmonyd did not answer" >&2; exit 70; }
  # 8 parallel clients x 25 requests over the status, metrics and health routes.
  for _ in $(seq 8); do
    (for _ in $(seq 25); do curl -s -o /dev/null -o /dev/null -o /dev/null "$url/api/v1/status" "$url/api/v1/metrics" "$url/api/health/ready"; done) &
  done
  for client in $(jobs -p); do [ "$client" = "$pid" ] || wait "$client" || true; done
  t0=$(cpu_ticks "$pid")
  sleep "$idle"
  t1=$(cpu_ticks "$pid")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$(status_kb "$pid" VmRSS)" \
    "$(status_kb "$pid" RssAnon)" "$(status_kb "$pid" RssFile)" "$(threads "$pid")" \
    "$(percent $((t1 - t0)) "$idle")" "$(libraries "$pid")" "$(rss_breakdown "$pid")"
  { echo "- $name: $(library_rss "$pid" 12)"; } >>"$tmp/libraries"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

echo "== $(date -u +%FT%TZ) $(uname -m) $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); idle ${idle}s"
echo "| variant | VmRSS kB | RssAnon kB | RssFile kB | threads | idle CPU % | shared libraries | smaps breakdown (kB) |"
echo "|---|---|---|---|---|---|---|---|"
if [ -n "$baseline_build" ]; then
  measure "baseline: $baseline_build (defaults)" HARMONYD="$baseline_build/daemons/harmonyd/harmonyd" HARMONY_BENCH=1
fi
# harmonyd caps glibc at 2 malloc arenas unless MALLOC_ARENA_MAX is set; 64 is glibc's own
# limit on 8 cores, i.e. the behaviour before that cap (the baseline).
measure "glibc default arenas (baseline)" MALLOC_ARENA_MAX=64
measure "defaults (2 arenas)" HARMONY_BENCH=1
measure "MALLOC_ARENA_MAX=1" MALLOC_ARENA_MAX=1
measure "2 arenas, HTTP_WORKERS=16 (the default before)" HTTP_WORKERS=16
echo
echo "Largest resident files per variant (kB):"
cat "$tmp/libraries"
