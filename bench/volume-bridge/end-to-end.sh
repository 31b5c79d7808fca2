#!/usr/bin/env bash
# volume-bridge end to end on the real engine, against a baseline measured in the same run: the
# original volume-bridge.sh's approach (a shell loop every 0.5 s forking `docker ps`, `docker exec
# pgrep`, `docker exec -t tmux capture-pane`, grep/tr/wc and, on a change, `amixer`).
#
# The speaker is docker/test-images/speaker-controller (our scripted controller in tmux, --network
# none); the mixer is a private PulseAudio null sink reached through alsa-lib's `pulse` device.
#  1. Latency, N changes per contender: a volume key is typed into the controller (docker exec
#     tmux send-keys); t0 = that exec returned (the controller redraws in ~1 ms); t1 = PulseAudio
#     reported the sink change (`pactl subscribe`, stamped with $EPOCHREALTIME, no fork). A reader
#     that reacts within the exec's own round trip sees t1 before t0, so the latency from the
#     exec's start (t0' = before `docker exec` ran, an upper bound) is given beside it.
#     Random 0.3-1.3 s pauses keep the key presses out of phase with the pollers.
#  2. CPU over DURATION s, with the screen unchanged ("idle") and with a volume key typed every
#     second ("playing"; typed by a tmux client on the host through the container's tmux socket,
#     so the typing itself starts no process in the container): the contender's own CPU
#     (utime+stime plus reaped children, from /proc), the engine's side (dockerd, containerd and
#     the container's shim with their reaped children: the exec round trips, runc), the whole
#     container (its cgroup's CPU time: the reader, tmux's server, the controller redrawing) and
#     "reader", the screen reader inside the container: the bridge's `harmony-screen` relay (or the
#     previous capture loop) with its awk filter, its tmux client and reaped children. The engine figures also
#     include whatever else the (shared) machine ran on Docker meanwhile, and the container's the
#     controller's own redraws, so windows with no poller are measured too.
#     At the end of each contender's idle window, its own process (the bridge; for the baseline the
#     loop's bash) is read from /proc: VmRSS, RssAnon, RssFile, threads, its own CPU over the
#     window, and its resident memory by mapping (smaps: program, libraries, heap, anonymous maps,
#     and the 10 mapped files with the most resident kB).
#
# Contenders: this build's volume-bridge (a tmux control-mode client per container start), the
# previous one when PREVIOUS_BUILD_DIR is given (main's build before control mode: a `sh` loop
# starting `tmux capture-pane` at 5 Hz), and the original shell loop (baseline). The speaker
# container runs only the controller in tmux (no stand-in application starting `sleep` every
# second), so the container column is the reader and the controller.
#
#   [PHASES="latency idle playing"] bench/volume-bridge/end-to-end.sh BUILD_DIR [N=20] [DURATION=60] [PREVIOUS_BUILD_DIR]
# PHASES picks the phases (any of latency, idle, playing; BENCH_CPU=0 = PHASES=latency), so the
# 10-minute idle budget figure is `PHASES=idle bench/volume-bridge/end-to-end.sh BUILD_DIR 0 600`
# (DURATION may also come from the environment: `PHASES=idle DURATION=600 … BUILD_DIR`).
# WINDOWS picks the CPU windows (any of none, bridge, previous, baseline; default all), e.g.
# WINDOWS="bridge previous" to compare two builds over 10 minutes each without the others.
# MIXER picks the host mixer: `pulse` (default; the PulseAudio null sink above, through
# alsa-lib's pulse plugin, which maps libpulse and its 20-odd libraries into the bridge) or
# `hifiberry`: the HiFiBerry DAC+ mixer stand-in (tests/fakes/alsa; build its target
# harmony_alsa_hifiberry_standin in BUILD_DIR), which costs the bridge about what a Pi's kernel
# `hw` control does, no PulseAudio running. The bridge then uses the device `hifiberry`, control
# `Digital` and the dB curve (the default); the baseline loop `amixer -D hifiberry sset Digital`.
# The latency phase needs PulseAudio's events, so MIXER=hifiberry takes PHASES idle/playing only.
# Both set ALSA_CONFIG_PATH to alsa.conf plus an asoundrc in the temp dir (for hifiberry, a copy
# of alsa.conf that skips PulseAudio's config hook): nothing global changes.
# Needs: a running engine, debian:bookworm (tests/harness/images.sh bookworm), amixer; for
# MIXER=pulse also pulseaudio, pactl, libasound2-plugins; run as root.
set -euo pipefail
build="$(cd "$1" && pwd)"
n="${2:-20}"
duration="${3:-${DURATION:-60}}"
phases=" ${PHASES:-latency idle playing} "
[[ "${BENCH_CPU:-1}" == 1 ]] || phases=" latency "
for phase in $phases; do
    [[ "$phase" == latency || "$phase" == idle || "$phase" == playing ]] ||
        { echo "PHASES: unknown phase '$phase' (latency, idle, playing)" >&2; exit 64; }
done
mixer="${MIXER:-pulse}"
case "$mixer" in
    pulse) mixer_device=pulse mixer_control=Master mixer_max=65536 mixer_curve=linear ;;
    hifiberry) mixer_device=hifiberry mixer_control=Digital mixer_max=207 mixer_curve=db ;;
    *) echo "MIXER: unknown mixer '$mixer' (pulse, hifiberry)" >&2; exit 64 ;;
esac
[[ "$mixer" == pulse || "$phases" != *" latency "* ]] ||
    { echo "MIXER=hifiberry: the latency phase times PulseAudio's sink events (pactl subscribe)" \
           "and the stand-in has none; use PHASES=\"idle playing\" or MIXER=pulse" >&2; exit 64; }
bridge="$build/daemons/volume-bridge/volume-bridge"
previous=""
[[ -z "${4:-}" ]] || previous="$(cd "$4" && pwd)/daemons/volume-bridge/volume-bridge"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/pi-budget/proc-usage.sh
source "$here/../pi-budget/proc-usage.sh"
[[ -x "$bridge" ]] || { echo "no $bridge (build the volume-bridge target)" >&2; exit 66; }
[[ -z "$previous" || -x "$previous" ]] || { echo "no $previous (build volume-bridge there)" >&2; exit 66; }
standin="$build/tests/fakes/alsa/libasound_module_ctl_hifiberry_standin.so"
[[ "$mixer" != hifiberry || -f "$standin" ]] ||
    { echo "no $standin (build the harmony_alsa_hifiberry_standin target)" >&2; exit 66; }
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

# ------------------------------------------------------------------ mixer + speaker
# alsa.conf, then this run's asoundrc: the stand-in's card (its state file in the temp dir).
printf 'ctl_type.hifiberry_standin { lib "%s" }\nctl.hifiberry { type hifiberry_standin state "%s" }\n' \
    "$standin" "$work/hifiberry.state" >"$work/asoundrc"
alsa_conf=/usr/share/alsa/alsa.conf
if [[ "$mixer" == hifiberry ]]; then
    # The pulseaudio package's /etc/alsa/conf.d/99-pulse.conf is a hook that loads libpulse
    # (libasound_module_conf_pulse.so) into every alsa-lib program to ask whether PulseAudio
    # runs: 2 MB of the bridge's RSS here that a Pi without PulseAudio does not have. This run's
    # alsa.conf reads a copy of /etc/alsa/conf.d without such hooks.
    mkdir "$work/conf.d"
    for f in /etc/alsa/conf.d/*.conf; do
        [[ ! -e "$f" ]] || grep -q conf_pulse_hook "$f" || ln -s "$f" "$work/conf.d/"
    done
    sed "s|\"/etc/alsa/conf.d\"|\"$work/conf.d\"|" "$alsa_conf" >"$work/alsa.conf"
    grep -q "\"$work/conf.d\"" "$work/alsa.conf" ||
        { echo "$alsa_conf does not load /etc/alsa/conf.d: cannot leave out PulseAudio's hook" >&2; exit 69; }
    alsa_conf="$work/alsa.conf"
fi
export ALSA_CONFIG_PATH="$alsa_conf:$work/asoundrc"
if [[ "$mixer" == pulse ]]; then
    export PULSE_SERVER="unix:$work/native"
    HOME="$work" XDG_RUNTIME_DIR="$work" pulseaudio --daemonize=no --exit-idle-time=-1 -n --use-pid-file=no \
        --load="module-null-sink sink_name=speaker" --load="module-native-protocol-unix socket=$work/native" \
        >"$work/pulse.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do pactl get-sink-volume speaker >/dev/null 2>&1 && break; sleep 0.1; done
    pactl set-default-sink speaker
else
    amixer -q -D hifiberry sget Digital >/dev/null ||
        { echo "the HiFiBerry stand-in does not open (amixer -D hifiberry, $work/asoundrc)" >&2; exit 69; }
fi
docker run -d --name "$name" --network none -e VOLUME=19 harmony-test/speaker-controller:latest bash -c \
    "tmux new-session -d -x 80 -y 24 -s $session /app/bin/speaker_controller_application && exec sleep infinity" >/dev/null
for _ in $(seq 100); do
    docker exec "$name" tmux capture-pane -p -t "$session" 2>/dev/null | grep -q 'P: play' && break
    sleep 0.1
done

# Line-buffered: pactl writing into a pipe would otherwise deliver its events in late batches.
if [[ "$mixer" == pulse ]]; then
    stdbuf -oL pactl subscribe 2>/dev/null | while IFS= read -r line; do
        [[ "$line" == *"on sink #"* ]] && echo "${EPOCHREALTIME/./}"
    done >"$work/events" &
    pids+=($!)
fi

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
                amixer -q -D "$mixer_device" sset "$mixer_control" "$((volume * mixer_max / 38))" >/dev/null 2>&1 || true
                prev="$volume"
            fi
        fi
        sleep 0.5
    done
}

start_contender() {  # start_contender bridge|previous|baseline → sets $contender
    if [[ "$1" == bridge || "$1" == previous ]]; then
        local program="$bridge"
        [[ "$1" == bridge ]] || program="$previous"
        BRIDGE_CONTAINER="$name" BRIDGE_MIXER_DEVICE="$mixer_device" BRIDGE_MIXER_CONTROL="$mixer_control" \
            BRIDGE_MIXER_CURVE="$mixer_curve" BRIDGE_STATUS_FILE='' \
            HARMONY_LOG_LEVEL=warning "$program" --config "$work/none.yml" >"$work/$1.log" 2>&1 &
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

# One key press → "ms-from-exec-returned ms-from-exec-start" until the sink changed (or "timeout").
measure_once() {
    local key="$1" before t0 start deadline line
    # Quiet first: no sink event for 300 ms, so a late event of the previous change is not taken.
    before="$(events)"
    while sleep 0.3; [[ "$(events)" != "$before" ]]; do before="$(events)"; done
    start="$(now_us)"
    docker exec "$name" tmux send-keys -t "$session" "$key"
    t0="$(now_us)"
    deadline=$((t0 + 5000000))
    while (( $(now_us) < deadline )); do
        if (( $(events) > before )); then
            line="$(sed -n "$((before + 1))p" "$work/events")"
            echo "$(((line - t0) / 1000)) $(((line - start) / 1000))"
            return
        fi
        sleep 0.005
    done
    echo timeout
}

latencies() {  # latencies bridge|previous|baseline → N lines of ms
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
    awk '$1 == "timeout" {t++; next} {print $1}' | sort -n | awk -v t=0 '{a[NR]=$1}
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
# % of one core over the window, 3 decimals (one clock tick over 600 s is 0.0017 %).
window_percent() { echo "$(percent "$1" "$duration") %"; }
percent_ns() { awk -v t="$1" -v d="$duration" 'BEGIN {printf "%.3f %%", 100 * t / 1e9 / d}'; }

# memory_line PID OWN_TICKS SELF_TICKS → the contender's own process at the end of its idle window.
memory_line() {
    echo "own CPU $(window_percent "$2") (without reaped children $(window_percent "$3")), VmRSS $(status_kb "$1" VmRSS) kB," \
        "RssAnon $(status_kb "$1" RssAnon) kB, RssFile $(status_kb "$1" RssFile) kB, threads $(threads "$1")," \
        "libraries $(libraries "$1")"
    echo "smaps: $(rss_breakdown "$1")"
    echo "top mappings by Rss (kB): $(library_rss "$1" 10)"
}

# The screen reader inside the container (host PIDs, from the engine): the relay's or the capture
# loop's shells (`harmony-screen`), the relay's awk filter and its tmux control-mode client.
reader_pids() {
    docker top "$name" -eo pid,args 2>/dev/null |
        awk 'NR > 1 && ($2 " " $3 " " $4 ~ /^(tmux -C attach-session|awk -W interactive)/ || /harmony-screen/) {print $1}'
}
# The container's CPU time in ns, from its cgroup (v1 cpuacct or v2 cpu.stat).
container_ns() {
    local pid path
    pid="$(docker inspect -f '{{.State.Pid}}' "$name")"
    path="$(sed -n 's/^[0-9]*:[^:]*cpuacct[^:]*://p' "/proc/$pid/cgroup" | head -1)"
    if [[ -n "$path" ]]; then
        cat "/sys/fs/cgroup/cpuacct$path/cpuacct.usage"
    else
        path="$(sed -n 's/^0:://p' "/proc/$pid/cgroup")"
        awk '$1 == "usage_usec" {print $2 * 1000}' "/sys/fs/cgroup$path/cpu.stat"
    fi
}
# "Playing": a volume key every second, typed by a tmux client on the host through the
# container's tmux socket (no process in the container, no exec round trip).
player=""
start_playing() {
    local socket i=0
    socket="/proc/$(docker inspect -f '{{.State.Pid}}' "$name")/root/tmp/tmux-0/default"
    (while true; do
        key='+'; (( i++ % 2 )) && key='-'
        tmux -S "$socket" send-keys -t "$session" "$key"
        sleep 1
    done) &
    player=$!
    pids+=("$player")
}
stop_playing() { [[ -z "$player" ]] || { kill "$player" 2>/dev/null || true; wait "$player" 2>/dev/null || true; player=""; }; }

cpu_window() {  # cpu_window none|bridge|previous|baseline idle|playing → "own …, engine …, container …, reader …"
    local kind="$1" own0=0 own1=0 self0=0 eng0 eng1 epids rpids reader0 reader1 box0 box1
    [[ "$kind" == none ]] || { start_contender "$kind"; sleep 3; }
    [[ "$2" != playing ]] || { start_playing; sleep 1; }
    epids="$(engine_pids)"
    rpids="$(reader_pids)"
    # shellcheck disable=SC2086
    eng0="$(ticks $epids)"
    # shellcheck disable=SC2086
    reader0="$(ticks $rpids)"
    box0="$(container_ns)"
    [[ "$kind" == none ]] || { own0="$(ticks "$contender")"; self0="$(cpu_ticks "$contender")"; }
    sleep "$duration"
    # shellcheck disable=SC2086
    eng1="$(ticks $epids)"
    # shellcheck disable=SC2086
    reader1="$(ticks $rpids)"
    box1="$(container_ns)"
    [[ "$kind" == none ]] || own1="$(ticks "$contender")"
    [[ "$kind" == none || "$2" != idle ]] ||
        { memory_line "$contender" $((own1 - own0)) $(($(cpu_ticks "$contender") - self0)) >"$work/memory.$kind";
          library_rss "$contender" 1000 | sed 's/, /\n/g' >"$work/mappings.$kind"; }  # all of them, for BENCH_KEEP
    stop_playing
    [[ "$kind" == none ]] || stop_contender
    echo "own $(window_percent $((own1 - own0))), engine $(window_percent $((eng1 - eng0))), container $(percent_ns $((box1 - box0))), reader $(window_percent $((reader1 - reader0)))"
}

echo "date: $(date -u +%FT%TZ); machine: $(nproc) × $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "volume-bridge: $bridge"
echo "mixer: $mixer (device $mixer_device, control $mixer_control, curve $mixer_curve)"
[[ -z "$previous" ]] || echo "previous: $previous"
contenders=(bridge)
[[ -z "$previous" ]] || contenders+=(previous)
declare -A label=([bridge]="volume-bridge (tmux -C, <= 5 Hz)" [previous]="previous (sh loop, 5 Hz)"
                  [baseline]="baseline (shell loop, 0.5 s)" [none]="no poller")
latency_phase() {
    local kind ms
    echo "latency, volume key typed (send-keys exec returned) → sink changed:"
    for kind in "${contenders[@]}" baseline; do
        ms="$(latencies "$kind")"
        printf '  %-34s %s timeouts: %s\n' "${label[$kind]}" "$(stats <<<"$ms")" "$(grep -c timeout <<<"$ms" || true)"
        printf '  %-34s %s (from the exec'"'"'s start)\n' "" "$(awk '$1 != "timeout" {print $2}' <<<"$ms" | stats)"
    done
}
cpu_phase() {  # cpu_phase idle|playing (the baseline: idle only)
    local state="$1" kind
    for kind in none "${contenders[@]}" baseline; do
        [[ "$state" == idle || "$kind" != baseline ]] || continue
        [[ -z "${WINDOWS:-}" || " $WINDOWS " == *" $kind "* ]] || continue
        printf '  %-8s %-34s %s\n' "$state" "${label[$kind]}" "$(cpu_window "$kind" "$state")"
    done
}
memory_report() {  # the contenders' own processes at the end of their idle windows
    local kind
    echo "own process at the end of the idle window (${duration} s):"
    for kind in "${contenders[@]}" baseline; do
        [[ -f "$work/memory.$kind" ]] || continue
        printf '  %s\n' "${label[$kind]}"
        sed 's/^/    /' "$work/memory.$kind"
    done
}

[[ "$phases" != *" latency "* ]] || latency_phase
[[ "$phases" != *" idle "* && "$phases" != *" playing "* ]] || echo "CPU over ${duration} s, % of one core:"
[[ "$phases" != *" idle "* ]] || cpu_phase idle
[[ "$phases" != *" playing "* ]] || cpu_phase playing
[[ "$phases" != *" idle "* ]] || memory_report
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
