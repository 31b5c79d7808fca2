#!/usr/bin/env bash
# volume-bridge end to end on the real engine, against a baseline measured in the same run: the
# original volume-bridge.sh's approach (a shell loop every 0.5 s forking `docker ps`, `docker exec
# pgrep`, `docker exec -t tmux capture-pane`, grep/tr/wc and, on a change, `amixer`).
#
# The speaker is docker/test-images/speaker-controller (our scripted controller in tmux, --network
# none); the mixer is a private PulseAudio null sink reached through alsa-lib's `pulse` device.
#  1. Latency, N changes per contender: a volume key is typed into the controller (docker exec
#     tmux send-keys); t0 = that exec returned (the controller redraws in ~1 ms); t1 = PulseAudio
#     reported the sink change (`pactl subscribe`, stamped with $EPOCHREALTIME, no fork).
#     Random 0.3-1.3 s pauses keep the key presses out of phase with the pollers.
#  2. CPU over DURATION s with the screen unchanged: the contender's own CPU (utime+stime plus
#     reaped children, from /proc) and the engine's side (dockerd, containerd and the container's
#     shim with their reaped children: the exec round trips, runc, tmux inside the container).
#     The engine figures also include whatever else the (shared) machine ran on Docker meanwhile,
#     so an idle window of the same length is measured first. The bridge reads the screen through
#     one long-lived exec (a capture loop in the container, `harmony-screen`): that loop's own CPU
#     and that of the tmux/sleep it runs are counted in a third column, "loop", since the shim
#     only inherits them once the loop ends.
#
#   bench/volume-bridge/end-to-end.sh BUILD_DIR [N=20] [DURATION=60]
# Needs: a running engine, debian:bookworm (tests/harness/images.sh bookworm), pulseaudio,
# pactl, amixer, libasound2-plugins; run as root.
set -euo pipefail
build="$(cd "$1" && pwd)"
n="${2:-20}"
duration="${3:-60}"
bridge="$build/daemons/volume-bridge/volume-bridge"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ -x "$bridge" ]] || { echo "no $bridge (build the volume-bridge target)" >&2; exit 66; }
"$here/../../docker/test-images/build.sh" speaker-controller >&2

name="bench_bridge_$$"
work="$(mktemp -d /tmp/bench-bridge.XXXXXX)"
session=speaker_controller_application
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    docker rm -f "$name" >/dev/null 2>&1 || true
    [[ -z "${BENCH_KEEP:-}" ]] || cp -r "$work" "$BENCH_KEEP"
    rm -rf "$work"
}
trap cleanup EXIT

# ------------------------------------------------------------------ PulseAudio + speaker
export PULSE_SERVER="unix:$work/native"
HOME="$work" XDG_RUNTIME_DIR="$work" pulseaudio --daemonize=no --exit-idle-time=-1 -n --use-pid-file=no \
    --load="module-null-sink sink_name=speaker" --load="module-native-protocol-unix socket=$work/native" \
    >"$work/pulse.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do pactl get-sink-volume speaker >/dev/null 2>&1 && break; sleep 0.1; done
pactl set-default-sink speaker
docker run -d --name "$name" --network none -e VOLUME=19 harmony-test/speaker-controller:latest >/dev/null
for _ in $(seq 100); do
    docker exec "$name" tmux capture-pane -p -t "$session" 2>/dev/null | grep -q 'P: play' && break
    sleep 0.1
done

# Line-buffered: pactl writing into a pipe would otherwise deliver its events in late batches.
stdbuf -oL pactl subscribe 2>/dev/null | while IFS= read -r line; do
    [[ "$line" == *"on sink #"* ]] && echo "${EPOCHREALTIME/./}"
done >"$work/events" &
pids+=($!)

# ------------------------------------------------------------------ contenders
baseline_loop() {  # the original's loop (reference tidal-connect-scripts.md §2.2), amixer on the host
    local prev=-1 screen volume
    set +e +o pipefail  # as the original: `docker ps | grep -q` must not fail on SIGPIPE
    while true; do
        if docker ps | grep -q "$name" && docker exec "$name" pgrep -f speaker_controller_application >/dev/null; then
            screen="$(docker exec -t "$name" /usr/bin/tmux capture-pane -pS -50 | tr -d '\r')"
            # `tail -1` (as tidal-bridge.sh): our controller's clears push old frames into the
            # 50 lines of scrollback, which the original would add up.
            volume="$(printf '%s\n' "$screen" | grep 'l.*#.*k$' | tail -1 | tr -cd '#' | wc -c)"
            if [[ "$volume" != "$prev" ]]; then
                amixer -q -D pulse sset Master "$((volume * 65536 / 38))" >/dev/null 2>&1 || true
                prev="$volume"
            fi
        fi
        sleep 0.5
    done
}

start_contender() {  # start_contender bridge|baseline → sets $contender
    if [[ "$1" == bridge ]]; then
        BRIDGE_CONTAINER="$name" BRIDGE_MIXER_DEVICE=pulse BRIDGE_MIXER_CURVE=linear BRIDGE_STATUS_FILE= \
            HARMONY_LOG_LEVEL=warning "$bridge" --config "$work/none.yml" >"$work/bridge.log" 2>&1 &
    else
        baseline_loop >"$work/baseline.log" 2>&1 &
    fi
    contender=$!
    pids+=("$contender")
}
stop_contender() { kill "$contender" 2>/dev/null || true; wait "$contender" 2>/dev/null || true; }
: >"$work/none.yml"

now_us() { echo "${EPOCHREALTIME/./}"; }
events() { wc -l <"$work/events"; }

# One key press → ms until the sink changed (or "timeout").
measure_once() {
    local key="$1" before t0 deadline line
    # Quiet first: no sink event for 300 ms, so a late event of the previous change is not taken.
    before="$(events)"
    while sleep 0.3; [[ "$(events)" != "$before" ]]; do before="$(events)"; done
    docker exec "$name" tmux send-keys -t "$session" "$key"
    t0="$(now_us)"
    deadline=$((t0 + 5000000))
    while (( $(now_us) < deadline )); do
        if (( $(events) > before )); then
            line="$(sed -n "$((before + 1))p" "$work/events")"
            echo $(((line - t0) / 1000))
            return
        fi
        sleep 0.005
    done
    echo timeout
}

latencies() {  # latencies bridge|baseline → N lines of ms
    local kind="$1" i key
    start_contender "$kind"
    sleep 3  # first pass done, mixer at the initial volume
    for ((i = 0; i < n; i++)); do
        key='+'; (( i % 2 )) && key='-'
        sleep "$(printf '0.%03d' $((RANDOM % 1000)))"; sleep 0.3
        measure_once "$key"
    done
    stop_contender
}

stats() {  # median and p95 of the numbers on stdin ("timeout" counted separately)
    awk '$1 == "timeout" {t++; next} {print}' | sort -n | awk -v t=0 '{a[NR]=$1}
        END {if (NR == 0) {print "no samples"; exit} i=int(NR*0.95+0.999); if (i>NR) i=NR;
             m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
             printf "median %d ms, p95 %d ms, max %d ms (n=%d)", m, a[i], a[NR], NR}'
}

ticks() {  # ticks PID... → utime+stime+cutime+cstime summed, in clock ticks
    local pid total=0 f
    for pid in "$@"; do
        f="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
        f="${f##*) }"
        # fields after "(comm) ": state=1 ... utime=12 stime=13 cutime=14 cstime=15
        read -r -a a <<<"$f"
        total=$((total + a[11] + a[12] + a[13] + a[14]))
    done
    echo "$total"
}
engine_pids() {
    local shim
    shim="$(pgrep -f "containerd-shim.*$(docker inspect -f '{{.Id}}' "$name")" || true)"
    echo $(pgrep -x dockerd) $(pgrep -x containerd) $shim
}
hz="$(getconf CLK_TCK)"
percent() { awk -v t="$1" -v hz="$hz" -v d="$duration" 'BEGIN {printf "%.2f %%", 100 * t / hz / d}'; }

cpu_window() {  # cpu_window idle|bridge|baseline → "own X %, engine Y %, loop Z %"
    local kind="$1" own0=0 own1=0 eng0 eng1 epids lpids loop0 loop1
    [[ "$kind" == idle ]] || { start_contender "$kind"; sleep 3; }
    epids="$(engine_pids)"
    lpids="$(pgrep -f 'harmony-screen' || true)"  # the bridge's capture loop in the container
    # shellcheck disable=SC2086
    eng0="$(ticks $epids)"
    # shellcheck disable=SC2086
    loop0="$(ticks $lpids)"
    [[ "$kind" == idle ]] || own0="$(ticks "$contender")"
    sleep "$duration"
    # shellcheck disable=SC2086
    eng1="$(ticks $epids)"
    # shellcheck disable=SC2086
    loop1="$(ticks $lpids)"
    [[ "$kind" == idle ]] || own1="$(ticks "$contender")"
    [[ "$kind" == idle ]] || stop_contender
    echo "own $(percent $((own1 - own0))), engine $(percent $((eng1 - eng0))), loop $(percent $((loop1 - loop0)))"
}

echo "date: $(date -u +%FT%TZ); machine: $(nproc) × $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "volume-bridge: $bridge"
bridge_ms="$(latencies bridge)"
baseline_ms="$(latencies baseline)"
echo "latency, volume key typed (send-keys exec returned) → sink changed:"
echo "  volume-bridge (5 Hz, streamed exec):   $(stats <<<"$bridge_ms") timeouts: $(grep -c timeout <<<"$bridge_ms" || true)"
echo "  baseline (shell loop, 0.5 s + forks):   $(stats <<<"$baseline_ms") timeouts: $(grep -c timeout <<<"$baseline_ms" || true)"
echo "CPU over ${duration} s, % of one core:"
echo "  idle (no poller):  $(cpu_window idle)"
echo "  volume-bridge:     $(cpu_window bridge)"
echo "  baseline:          $(cpu_window baseline)"
