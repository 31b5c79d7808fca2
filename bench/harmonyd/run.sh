#!/usr/bin/env bash
# harmonyd benchmarks (issue 3): /api/health/live throughput and latency with wrk on loopback,
# start → READY=1, idle RSS. Baseline in the same run: a bare cpp-httplib server.
# Usage: bench/harmonyd/run.sh [BUILD_DIR]   (default build/release; needs wrk)
set -euo pipefail
build=${1:-build/release}
harmonyd=$build/daemons/harmonyd/harmonyd
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 69; }
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

wait_port() { for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/api/health/live" >/dev/null && return 0; sleep 0.05; done; return 1; }

echo "== $(date -u +%FT%TZ) $(uname -m) $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== start → READY=1 and idle RSS (harmonyd, 20 runs)"
"$build/bench/harmonyd_startup_probe" "$harmonyd" 20

run_wrk() {  # name port
  echo "== $1: wrk -t2 -c16 -d10s (keep-alive, saturating)"
  wrk -t2 -c16 -d10s --latency "http://127.0.0.1:$2/api/health/live" | grep -E 'Requests/sec|50%|99%'
  echo "== $1: wrk -t1 -c10 -d10s paced to ~1,000 req/s"
  wrk -t1 -c10 -d10s --latency -s "$here/paced.lua" "http://127.0.0.1:$2/api/health/live" | grep -E 'Requests/sec|50%|99%'
}

"$build/bench/httplib_baseline_server" 18181 & pids+=($!)
wait_port 18181
run_wrk "baseline (bare cpp-httplib)" 18181

HARMONY_PROFILE=container CONFIG_DIR=$tmp/config DOWNLOADS_DIR=$tmp/dl MUSIC_DIR=$tmp/music \
  APP_HOST=127.0.0.1 APP_PORT=18182 "$harmonyd" 2>"$tmp/harmonyd.log" & pids+=($!)
wait_port 18182
run_wrk "harmonyd" 18182
