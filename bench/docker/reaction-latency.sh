#!/usr/bin/env bash
# Reaction latency of `wait-for-container … healthy` vs. a baseline loop that polls
# `docker inspect` once a second (as the original script does), over N not-healthy → healthy
# transitions each (issue 5, Performance).
#
# Why this transition: `docker inspect` waits on the container lock while `docker start` runs,
# so pollers are serialised with stopped → running and even a 1 s poller looks instant. A health
# flip happens inside the running container; nothing holds a poller back.
#
# The moment the condition holds = `timeNano` of the engine's `health_status: healthy` event
# (read from a background `docker events` stream); for the tool, plus its stability window STABLE
# (whole seconds, default 0, passed as `--stable`; STABLE=2 is the default of `healthy`; the
# baseline loop has no window). Latency = the waiter's exit, stamped by its wrapper right after it
# exits with bash's $EPOCHREALTIME (no fork), − that timeNano; both on the host's realtime clock.
# The speaker image's health check is `test -f /tmp/healthy`; the container runs it every
# HEALTH_INTERVAL (default 100ms) and the flip is a `docker exec … touch /tmp/healthy`.
#
# Needs a running engine and harmony-test/busybox (tests/harness/images.sh busybox).
#
#   bench/docker/reaction-latency.sh BUILD_DIR [N=20]
#   e.g. cmake --preset release && cmake --build --preset release --target wait-for-container
#        bench/docker/reaction-latency.sh build/release 20
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tool="$1/tools/wait-for-container/wait-for-container"
n="${2:-20}"
health_interval="${HEALTH_INTERVAL:-100ms}"
stable_s="${STABLE:-0}"  # whole seconds
name="bench_wfc_$$"
work="$(mktemp -d /tmp/bench_wfc.XXXXXX)"
events_pid=""
cleanup() {
    if [[ -n "$events_pid" ]]; then kill "$events_pid" 2>/dev/null || true; fi
    docker rm -f "$name" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
[[ -x "$tool" ]] || { echo "reaction-latency.sh: no tool at $tool (build it first)" >&2; exit 64; }

"$here/../../docker/test-images/build.sh" speaker >&2
docker run -d --name "$name" --network none -e START_UNHEALTHY=1 \
    --health-interval "$health_interval" --health-retries 1 --health-timeout 2s \
    harmony-test/speaker:latest >/dev/null
docker events --filter "container=$name" --filter event=health_status \
    --format '{{.Action}} {{.TimeNano}}' >"$work/events" &
events_pid=$!

health() { docker inspect -f '{{.State.Health.Status}}' "$name"; }

wait_health() {  # wait_health STATUS: poll (setup only, not measured) until Docker reports it
    local deadline=$((SECONDS + 30))
    until [[ "$(health)" == "$1" ]]; do
        ((SECONDS < deadline)) || { echo "reaction-latency.sh: $name never became $1" >&2; exit 70; }
        sleep 0.05
    done
}

baseline() {  # the original's loop: one `docker inspect` a second
    while [[ "$(docker inspect -f '{{.State.Health.Status}}' "$name" 2>/dev/null)" != healthy ]]; do sleep 1; done
}

now_ns() { local t="$EPOCHREALTIME"; echo "${t/./}000"; }

measure() {  # measure tool|baseline → prints the latency in ms (fractional)
    local kind="$1" pid before t_exit t_cond window=0
    [[ "$kind" == tool ]] && window="$stable_s"
    docker exec "$name" rm -f /tmp/healthy
    wait_health unhealthy
    before=$(grep -c '^health_status: healthy ' "$work/events" || true)
    if [[ "$kind" == tool ]]; then
        ( "$tool" "$name" 30 1 healthy --stable "${stable_s}s" >/dev/null; now_ns >"$work/exit" ) &
    else
        ( baseline; now_ns >"$work/exit" ) &
    fi
    pid=$!
    # Let the waiter settle; a random 0.3-1.3 s so the baseline's poll phase is not aligned with
    # the flip (not part of the measurement).
    sleep "$(printf '0.%03d' $((RANDOM % 1000)))"; sleep 0.3
    docker exec "$name" touch /tmp/healthy
    wait "$pid"
    t_exit=$(cat "$work/exit")
    # The event stream may lag the waiter: wait for this transition's event line.
    local deadline=$((SECONDS + 10))
    until (($(grep -c '^health_status: healthy ' "$work/events" || true) > before)); do
        ((SECONDS < deadline)) || { echo "reaction-latency.sh: no healthy event for $name" >&2; exit 70; }
        sleep 0.02
    done
    t_cond=$(grep '^health_status: healthy ' "$work/events" | tail -n 1 | cut -d' ' -f3)
    awk -v a="$t_exit" -v b="$t_cond" -v s="$window" 'BEGIN { printf "%.1f\n", (a - b) / 1e6 - s * 1000 }'
}

stats() {  # median and p95 (nearest rank) of the numbers on stdin
    sort -g | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i>NR) i=NR; m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
        printf "median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms (n=%d)\n", m, a[i], a[1], a[NR], NR}'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
wait_health unhealthy
tool_ms=(); base_ms=()
for ((i = 0; i < n; i++)); do
    tool_ms+=("$(measure tool)")
    base_ms+=("$(measure baseline)")
    echo "transition $((i + 1))/$n: tool ${tool_ms[-1]} ms, baseline ${base_ms[-1]} ms" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf '%s\n' "${tool_ms[@]}" >"$work/tool"; printf '%s\n' "${base_ms[@]}" >"$work/base"
echo "wait-for-container (--stable ${stable_s}s, latency counted from the end of the window): $(stats <"$work/tool")"
echo "baseline (docker inspect every 1 s): $(stats <"$work/base")"
median() { stats <"$1" | awk '{print $2}'; }
awk -v t="$(median "$work/tool")" -v b="$(median "$work/base")" \
    'BEGIN { printf "median ratio baseline / wait-for-container: %.1fx\n", b / t }'
