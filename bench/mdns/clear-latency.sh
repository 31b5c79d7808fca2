#!/usr/bin/env bash
# Times wait-for-mdns-clear on the two-host Avahi testbed (tests/harness/mdns-testbed.sh):
#   1. time to a "clear" verdict when the name is absent;
#   2. time from the publisher's goodbye (SIGTERM to avahi-publish on host A) to the tool's exit on B.
# Baseline, measured in the same run: the original wait-for-mdns-clear.sh algorithm (poll
# `timeout 2 avahi-browse -t -p -r TYPE | grep -q NAME`, 2 consecutive misses, sleep 2 between).
#
#   bench/mdns/clear-latency.sh BUILD_DIR [RUNS]     (root; default RUNS=10)
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [RUNS]}
runs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
testbed=$here/../../tests/harness/mdns-testbed.sh
tool=$(cd "$build" && pwd)/tools/wait-for-mdns-clear/wait-for-mdns-clear
state=$(mktemp /tmp/harmony-mdns-bench.XXXXXX.env)
work=$(mktemp -d /tmp/harmony-mdns-bench.XXXXXX)
publisher=""
cleanup() {
    [[ -n "$publisher" ]] && kill "$publisher" 2>/dev/null || true
    "$testbed" down "$state" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
"$testbed" up "$state" >/dev/null
# shellcheck disable=SC1090
source "$state"
on() { local h=$1; shift; local ns="MDNS_NS_$h" bus="MDNS_BUS_$h"; ip netns exec "${!ns}" env DBUS_SYSTEM_BUS_ADDRESS="${!bus}" "$@"; }
ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

original() {  # the seed's loop, re-stated from its documented algorithm (reference §1.2)
    local name=$1 clears=0 elapsed=0
    while (( elapsed < 15 )); do
        if timeout 2 avahi-browse -t -p -r _tidalconnect._tcp 2>/dev/null | grep -q "$name"; then
            clears=0
        else
            clears=$((clears + 1))
            (( clears >= 2 )) && return 0
        fi
        sleep 2
        elapsed=$((elapsed + 2))
    done
}

absent_new=(); absent_old=(); goodbye_new=(); goodbye_old=(); overhead=()
for i in $(seq "$runs"); do
    t0=$(ms); on B true; overhead+=($(( $(ms) - t0 )))
    t0=$(ms); on B "$tool" --name "absent$i" --strict >/dev/null 2>&1; absent_new+=($(( $(ms) - t0 )))
    t0=$(ms); on B bash -c "$(declare -f original); original absent$i"; absent_old+=($(( $(ms) - t0 )))

    name="bench$i-0123456789abcdef0123456789abcdef"
    for impl in new old; do
        # not through on(): $! must be avahi-publish itself, so the kill below makes it say goodbye
        ip netns exec "$MDNS_NS_A" env DBUS_SYSTEM_BUS_ADDRESS="$MDNS_BUS_A" avahi-publish -s "$name" _tidalconnect._tcp 2019 >"$work/pub" 2>&1 &
        publisher=$!
        until grep -q Established "$work/pub"; do sleep 0.02; done
        if [[ $impl == new ]]; then
            ip netns exec "$MDNS_NS_B" env DBUS_SYSTEM_BUS_ADDRESS="$MDNS_BUS_B" "$tool" --name "bench$i" --timeout 20s --log-level debug >"$work/out" 2>&1 &
            waiter=$!
            until grep -q "NEW 'bench$i-" "$work/out"; do sleep 0.02; done
        else
            on B bash -c "$(declare -f original); original bench$i" >"$work/out" 2>&1 &
            waiter=$!
            until on B timeout 2 avahi-browse -t -p _tidalconnect._tcp 2>/dev/null | grep -q "bench$i-"; do :; done
        fi
        t0=$(ms); kill "$publisher"; wait "$publisher" 2>/dev/null || true; publisher=""
        wait "$waiter"
        elapsed=$(( $(ms) - t0 ))
        [[ $impl == new ]] && goodbye_new+=("$elapsed") || goodbye_old+=("$elapsed")
    done
done
mn=$(printf '%s\n' "${absent_new[@]}" | median); mo=$(printf '%s\n' "${absent_old[@]}" | median)
gn=$(printf '%s\n' "${goodbye_new[@]}" | median); go=$(printf '%s\n' "${goodbye_old[@]}" | median)
echo "runs=$runs; 'ip netns exec' start-up overhead (included in the absent times) median $(printf '%s\n' "${overhead[@]}" | median) ms"
echo "absent:  wait-for-mdns-clear median ${mn} ms (all: ${absent_new[*]}); original median ${mo} ms (all: ${absent_old[*]}); ratio $(awk "BEGIN{printf \"%.2f\", $mo/$mn}")"
echo "goodbye: wait-for-mdns-clear median ${gn} ms (all: ${goodbye_new[*]}); original median ${go} ms (all: ${goodbye_old[*]}); ratio $(awk "BEGIN{printf \"%.2f\", $go/$gn}")"
