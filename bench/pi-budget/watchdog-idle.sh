#!/usr/bin/env bash
# harmony-watchdog against the TIDAL Connect project's tidal-watchdog.sh (re-typed in seed/),
# side by side in the same run, both watching the same healthy container on the real engine:
#
#   bench/pi-budget/watchdog-idle.sh [BUILD_DIR] [SECONDS] [TRACE_SECONDS]
#                                                  (default build/release, 600, 120)
#
# The container is a busybox `sleep` started by a runtime unit (/run/systemd/system), so
# harmony-watchdog, with the `tidal` preset pointed at that unit and container (no HTTP endpoint,
# no mDNS check, no dependents), can restart it; nothing else is touched.
# Phase 1 (SECONDS): both run unobserved; CPU = utime+stime of the process and of the children it
# waited for (the seed's docker/grep/tee), from /proc; RSS at the end (the seed: its bash only).
# Phase 2 (TRACE_SECONDS): both again under `strace -f -e trace=execve`, counting programs started
# per minute. dockerd's own work for their requests is not counted (the same engine serves both).
# Phase 3, reaction: a line is written to the container's log (`docker exec` into its stdout) and
# the time until each watchdog acts is taken from its log, polled every 50 ms. Each watchdog runs
# alone here (ours restarts the container, which would take the line away from the seed):
# ours: 3 × the binary's own `Token is expired`, one per cooldown; the seed: the same line once
# (its patterns miss it, reference §3), then 3 × TIDAL's HTTP wording `The token has expired.`,
# which its patterns match, each at a random point of its 30 s poll.
# Run it where systemd answers on the system bus (a Pi, or on a build machine through
# watchdog-idle-testhost.sh, which runs it inside tests/harness/testhost.sh's container):
# harmony-watchdog refuses to start without it. REACTION=0 in the environment skips phase 3.
# BASELINE_BUILD=DIR adds that build's harmony-watchdog to phase 1 (same config, same container),
# the baseline of the same run for a change to the watchdog itself.
set -euo pipefail
build=${1:-build/release}
seconds=${2:-600}
trace_seconds=${3:-120}
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
watchdog=$build/daemons/harmony-watchdog/harmony-watchdog
# shellcheck source=proc-usage.sh
source "$here/proc-usage.sh"
[ -x "$watchdog" ] || { echo "no harmony-watchdog at $watchdog; build it first" >&2; exit 69; }
command -v strace >/dev/null || { echo "strace is missing (apt-get install strace)" >&2; exit 69; }
case "$(systemctl is-system-running 2>/dev/null || true)" in
running | degraded) ;;
*) echo "systemd does not answer here; on a machine without it run watchdog-idle-testhost.sh" >&2; exit 69 ;;
esac
docker image inspect harmony-test/busybox:latest >/dev/null 2>&1 ||
  { echo "harmony-test/busybox:latest is missing: tests/harness/images.sh busybox" >&2; exit 69; }
container="pibench-speaker-$$"
unit="$container.service"
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  systemctl stop "$unit" >/dev/null 2>&1 || true
  rm -f "/run/systemd/system/$unit"
  systemctl daemon-reload || true
  docker rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# A quiet, healthy "speaker": no network, one long sleep (the watchdog's process check looks for
# it), started and stopped by its unit as tidal.service does with tidal_connect.
cat >"/run/systemd/system/$unit" <<EOF
[Unit]
Description=Pi budget benchmark speaker stand-in ($container)

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStartPre=-$(command -v docker) rm -f $container
ExecStart=$(command -v docker) run -d --name $container --network none --label org.harmony.bench=${PIBENCH_OWNER:-pi-budget} harmony-test/busybox:latest sleep 100000
ExecStop=$(command -v docker) rm -f $container
EOF
systemctl daemon-reload
systemctl start "$unit"
sed -e "s/container: tidal_connect/container: $container/" -e "s/process: tidal_connect_application/process: sleep/" \
    -e "s/unit: tidal.service/unit: $unit/" -e 's/^    dependents: .*/    dependents: []/' \
    -e 's/^  port: 9620.*/  port: 0/' -e '/^    mdns:/,/^      env_file:/d' \
    "$source_root/docs/watchdog/tidal.yml" >"$tmp/watchdog.yml"
"$watchdog" --config "$tmp/watchdog.yml" --check-config >/dev/null

baseline=${BASELINE_BUILD:+$BASELINE_BUILD/daemons/harmony-watchdog/harmony-watchdog}
[ -z "$baseline" ] || [ -x "$baseline" ] || { echo "no harmony-watchdog at $baseline" >&2; exit 69; }
start_ours() { # start_ours LOG [TRACE_FILE]
  if [ $# -eq 1 ]; then
    "$watchdog" --config "$tmp/watchdog.yml" >"$1" 2>&1 &
  else
    strace -f -qq -e trace=execve -o "$2" "$watchdog" --config "$tmp/watchdog.yml" >"$1" 2>&1 &
  fi
  ours=$!
  pids+=("$ours")
}
start_seed() { # start_seed LOG [TRACE_FILE]
  if [ $# -eq 1 ]; then
    "$here/seed/tidal-watchdog.sh" "$container" "$1" >/dev/null 2>&1 &
  else
    strace -f -qq -e trace=execve -o "$2" "$here/seed/tidal-watchdog.sh" "$container" "$1" >/dev/null 2>&1 &
  fi
  seed=$!
  pids+=("$seed")
}
stop_all() { # the traced programs first (strace would only detach), then strace
  local p
  for p in "${pids[@]}"; do
    for c in $(pgrep -P "$p"); do kill "$c" 2>/dev/null || true; done
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
alive() { # alive PID NAME LOG
  kill -0 "$1" 2>/dev/null || { cat "$3" >&2; echo "$2 exited" >&2; exit 70; }
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== $(date -u +%FT%TZ) $(uname -m) $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before $(load); ${seconds}s idle, ${trace_seconds}s traced"
start_ours "$tmp/ours.log"
start_seed "$tmp/seed-watchdog.log"
if [ -n "$baseline" ]; then
  "$baseline" --config "$tmp/watchdog.yml" >"$tmp/baseline.log" 2>&1 &
  base=$!
  pids+=("$base")
fi
sleep 5 # past start-up, so both are measured in their steady loop
alive "$ours" harmony-watchdog "$tmp/ours.log"
alive "$seed" "the seed watchdog" /dev/null
[ -z "$baseline" ] || alive "$base" "the baseline harmony-watchdog" "$tmp/baseline.log"
ticks() { echo $(($(cpu_ticks "$1") + $(cpu_children_ticks "$1"))); }
o0=$(ticks "$ours") s0=$(ticks "$seed") b0=$([ -z "$baseline" ] || ticks "$base")
sleep "$seconds"
o1=$(ticks "$ours") s1=$(ticks "$seed") b1=$([ -z "$baseline" ] || ticks "$base")
memory() { echo "$(status_kb "$1" VmRSS) | $(status_kb "$1" RssAnon) | $(status_kb "$1" RssFile)"; }
libraries() { awk '$6 ~ /\.so/ {print $6}' "/proc/$1/maps" | sort -u | wc -l; }
echo "| program | CPU % of a core (${seconds}s) | VmRSS kB | RssAnon kB | RssFile kB | threads | shared libraries |"
echo "|---|---|---|---|---|---|---|"
echo "| harmony-watchdog | $(percent $((o1 - o0)) "$seconds") | $(memory "$ours") | $(threads "$ours") | $(libraries "$ours") |"
[ -z "$baseline" ] ||
  echo "| baseline harmony-watchdog ($BASELINE_BUILD) | $(percent $((b1 - b0)) "$seconds") | $(memory "$base") | $(threads "$base") | $(libraries "$base") |"
echo "| seed tidal-watchdog.sh | $(percent $((s1 - s0)) "$seconds") | $(memory "$seed") (bash) | 1 | |"
echo "harmony-watchdog RSS: $(rss_breakdown "$ours")"
[ -z "$baseline" ] || echo "baseline harmony-watchdog RSS: $(rss_breakdown "$base")"
stop_all

start_ours "$tmp/ours-traced.log" "$tmp/trace.ours"
start_seed "$tmp/seed-traced.log" "$tmp/trace.seed"
sleep "$trace_seconds"
stop_all
# Each file starts with the program's own execve; the rest are the programs it started.
per_minute() { awk -v n="$(($(grep -c 'execve(' "$1") - 1))" -v s="$trace_seconds" 'BEGIN {printf "%.1f", n * 60 / s}'; }
echo "| program | programs started per minute (${trace_seconds}s under strace -f) |"
echo "|---|---|"
echo "| harmony-watchdog | $(per_minute "$tmp/trace.ours") |"
echo "| seed tidal-watchdog.sh | $(per_minute "$tmp/trace.seed") |"

# ---- reaction (REACTION=0 skips it, for a quick memory and CPU reading)
[ "${REACTION:-1}" != 0 ] || exit 0
say() { docker exec "$container" sh -c 'echo "$1" >/proc/1/fd/1' sh "$1"; }
count() {
  local c
  c=$(grep -c -- "$2" "$1" 2>/dev/null) || true
  echo "${c:-0}"
}
since() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
# await FILE PATTERN COUNT TIMEOUT → seconds since $t0 until FILE holds COUNT lines with PATTERN, or "none"
await() {
  local deadline=$((SECONDS + $4))
  while [ "$(count "$1" "$2")" -lt "$3" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo none; return; }
    sleep 0.05
  done
  since "$t0" "$EPOCHREALTIME"
}
median() { printf '%s\n' "$@" | grep -v none | sort -g | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : "none"}'; }

start_ours "$tmp/ours-reaction.log"
sleep 5 # its log follow is attached (it reads from its start time on)
alive "$ours" harmony-watchdog "$tmp/ours-reaction.log"
ours_act=() ours_up=() writes=()
for i in 1 2 3; do
  n=$(count "$tmp/ours-reaction.log" 'ACTION=restart, ')
  t0=$EPOCHREALTIME
  say "[error] Token is expired"
  writes+=("$(since "$t0" "$EPOCHREALTIME")")
  ours_act+=("$(await "$tmp/ours-reaction.log" 'ACTION=restart, ' $((n + 1)) 20)")
  ours_up+=("$(await "$tmp/ours-reaction.log" 'ACTION=recovered' "$i" 120)")
  [ "$i" -eq 3 ] || sleep 62 # past the 60 s cooldown that follows a recovery
done
stop_all

start_seed "$tmp/seed-reaction.log"
sleep 5
alive "$seed" "the seed watchdog" /dev/null
t0=$EPOCHREALTIME
say "[error] Token is expired"
seed_miss=$(await "$tmp/seed-reaction.log" 'Detected: Token expired' 1 65)
seed_act=()
for i in 1 2 3; do
  sleep $((RANDOM % 30))
  n=$(count "$tmp/seed-reaction.log" 'Detected: Token expired')
  t0=$EPOCHREALTIME
  say "token resp body={\"status\":401,\"userMessage\":\"The token has expired. (Expired on time)\"}"
  seed_act+=("$(await "$tmp/seed-reaction.log" 'Detected: Token expired' $((n + 1)) 70)")
done
stop_all
echo "| watchdog | line written to the container's log | seconds until it acts (each trial) | median |"
echo "|---|---|---|---|"
echo "| harmony-watchdog | \`Token is expired\` | ${ours_act[*]} (restart logged) | $(median "${ours_act[@]}") |"
echo "| harmony-watchdog | \`Token is expired\` | ${ours_up[*]} (container healthy again) | $(median "${ours_up[@]}") |"
echo "| seed tidal-watchdog.sh | \`Token is expired\` | $seed_miss (waited 65 s) | $seed_miss |"
echo "| seed tidal-watchdog.sh | \`The token has expired.\` | ${seed_act[*]} (detection logged) | $(median "${seed_act[@]}") |"
echo "writing a line (docker exec) took ${writes[*]} s; every time above includes it"
echo "== load after $(load)"
