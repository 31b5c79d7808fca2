#!/usr/bin/env bash
# Reaction latency of wait-for-container vs. a baseline loop polling `docker inspect` once a
# second (as the original script does). For each of N transitions (stopped -> running):
# the waiter is started, then `docker start` is issued; latency = waiter exit - the container's
# State.StartedAt (the engine's own record of when the condition began to hold; same host clock).
# Needs a running engine and harmony-test/busybox.
#
#   bench/docker/reaction-latency.sh BUILD_DIR [N=20]
set -euo pipefail
tool="$1/tools/wait-for-container/wait-for-container"
n="${2:-20}"
name="bench_wfc_$$"
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
docker create --name "$name" --network none harmony-test/busybox:latest sleep 600 >/dev/null

baseline() {  # the original's loop, polling once a second
    while [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" != true ]; do sleep 1; done
}

measure() {  # measure KIND → prints latency in ms
    local kind="$1" pid t_cond t_exit
    # Each waiter records its own exit time: `docker start` returning later must not count.
    local stamp="/tmp/bench_wfc_$$.exit"
    if [[ "$kind" == tool ]]; then
        ( "$tool" "$name" 30 1 running >/dev/null; date +%s%N >"$stamp" ) &
    else
        ( baseline; date +%s%N >"$stamp" ) &
    fi
    pid=$!
    # Let the waiter settle, for a random 0.3-1.3 s so the baseline's 1 s poll phase is not
    # aligned with the start (not part of the measurement).
    sleep "$(printf '0.%03d' $((RANDOM % 1000)))"; sleep 0.3
    docker start "$name" >/dev/null
    wait "$pid"
    t_exit=$(cat "$stamp")
    t_cond=$(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$name")" +%s%N)
    docker kill "$name" >/dev/null; docker wait "$name" >/dev/null
    echo $(( (t_exit - t_cond) / 1000000 ))
}

stats() {  # median and p95 of the numbers on stdin
    sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i>NR) i=NR; m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
        printf "median %d ms, p95 %d ms, max %d ms (n=%d)\n", m, a[i], a[NR], NR}'
}

tool_ms=(); base_ms=()
for ((i = 0; i < n; i++)); do
    tool_ms+=("$(measure tool)")
    base_ms+=("$(measure baseline)")
done
echo "wait-for-container: $(printf '%s\n' "${tool_ms[@]}" | stats)"
echo "baseline (docker inspect every 1 s): $(printf '%s\n' "${base_ms[@]}" | stats)"
