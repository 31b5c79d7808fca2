#!/usr/bin/env bash
# The shipped stack under real systemd: a test host (testhost.sh) holding the files
# `cmake --install` installs (with the build's own prefix, which the units were configured
# with), configured only the documented way
# (/etc/tidal-connect/tidal.env, /etc/harmony/*.yml, /etc/harmony/harmony.env and drop-ins),
# plus a second mDNS host in a network namespace to browse the speaker's name from.
#
#   stack-host.sh up BUILD_DIR STATE_FILE    build images, install, configure (units not started)
#   stack-host.sh down STATE_FILE            remove everything `up` made (idempotent)
#   stack-host.sh browse STATE_FILE          avahi-browse -prt _tidalconnect._tcp from host B
#   stack-host.sh link STATE_FILE up|down    the test host's side of the veth (network loss)
#   stack-host.sh engine STATE_FILE stop | start [--live-restore]
#                                            stop or start the stack's Docker engine
#
# The units' containers run on a Docker engine of their own on this machine (socket
# STACK_DOCKER_HOST, started by `up`), not on the engine that runs the test host: so the engine
# can be stopped and restarted — with or without --live-restore — under a running test host. Its
# socket's directory is bind-mounted into the test host, where /var/run/docker.sock points at it.
# The units run `docker run` inside the test host, but the engine resolves `--volume` paths,
# `--device` and `--network host` on its own side (this machine). So the two views are made to
# agree instead of changing the units:
# - `--network host`: the test host shares this machine's network namespace; its avahi-daemon
#   is limited to the veth STACK_IF_A (the peer STACK_IF_B lives in namespace STACK_NS with the
#   browsing avahi-daemon), so nothing reaches the machine's real network;
# - `--volume /var/run/dbus:/var/run/dbus`: the machine's /run/dbus is bind-mounted at the same
#   path into the test host, whose system bus (and so its avahi-daemon) listens there;
# - `--device /dev/snd`: the engine needs the path to exist; on a machine without sound hardware
#   an ALSA control node (116:0) is made and removed again by `down`;
# - harmony.service's `--volume ${HARMONY_ROOT}/...`: HARMONY_ROOT (a drop-in) is a directory
#   bind-mounted at the same path.
# STATE_FILE (sourceable KEY=value lines): STACK_DIR STACK_HOST STACK_NS STACK_IF_A STACK_IF_B
# STACK_BUS_B STACK_ROOT STACK_NAME STACK_WATCHDOG_PORT STACK_HARMONY_WATCHDOG_PORT
# STACK_APP_PORT STACK_MADE_DEVSND STACK_ENGINE (its socket directory, data in
# /var/lib/<name>) STACK_DOCKER_HOST STACK_ENGINE_PID and the PIDs of the namespace's daemons.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

usage() { echo "usage: $0 up BUILD_DIR STATE_FILE | down|browse STATE_FILE | link STATE_FILE up|down | engine STATE_FILE stop|start [--live-restore]" >&2; exit 64; }

set_state() {
    local tmp
    tmp="$(mktemp "$state.XXXXXX")"
    grep -v "^$1=" "$state" >"$tmp" 2>/dev/null || true
    printf '%s=%q\n' "$1" "$2" >>"$tmp"
    mv "$tmp" "$state"
}
load_state() {
    [[ -f "$state" ]] || return 1
    # shellcheck disable=SC1090
    source "$state"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

inside() { docker exec -i "$STACK_HOST" "$@"; }
write_inside() {  # write_inside PATH < content
    inside sh -c 'mkdir -p "$(dirname "$0")" && cat >"$0"' "$1"
}

avahi_running() {  # avahi_running BUS: the daemon's server state is RUNNING (2)
    [[ "$(timeout 2 dbus-send --bus="$1" --print-reply=literal --dest=org.freedesktop.Avahi / \
        org.freedesktop.Avahi.Server.GetState 2>/dev/null | awk '{print $2}')" == 2 ]]
}

wait_for() {  # wait_for SECONDS WHAT CMD...: until CMD succeeds
    local limit=$1 what=$2 deadline
    shift 2
    deadline=$(($(now_ms) + limit * 1000))
    until "$@"; do
        (($(now_ms) < deadline)) || die "$what did not happen within ${limit}s" "logs in ${STACK_DIR:-/tmp}"
        sleep 0.05
    done
}

start_browser_host() {
    local dir=$STACK_DIR
    ip netns add "$STACK_NS"
    ip link add "$STACK_IF_A" type veth peer name "$STACK_IF_B" netns "$STACK_NS"
    ip addr add 10.251.0.1/24 dev "$STACK_IF_A"
    ip link set "$STACK_IF_A" up multicast on
    ip -n "$STACK_NS" addr add 10.251.0.2/24 dev "$STACK_IF_B"
    ip -n "$STACK_NS" link set "$STACK_IF_B" up multicast on
    ip -n "$STACK_NS" link set lo up
    cat >"$dir/dbus-B.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/bus-B</listen>
  <auth>EXTERNAL</auth>
  <includedir>/usr/share/dbus-1/system.d</includedir>
  <policy context="default">
    <allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
    cat >"$dir/avahi-B.conf" <<CONF
[server]
host-name=hs-b-$STACK_ID
use-ipv4=yes
use-ipv6=no
allow-interfaces=$STACK_IF_B
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
publish-workstation=no
publish-hinfo=no
CONF
    ip netns exec "$STACK_NS" dbus-daemon --config-file="$dir/dbus-B.conf" --nofork --nopidfile \
        </dev/null >>"$dir/dbus-B.log" 2>&1 &
    set_state STACK_DBUS_PID "$!"
    wait_for 10 "the browsing host's dbus socket" test -S "$dir/bus-B"
    mkdir -p /run/avahi-daemon
    ip netns exec "$STACK_NS" unshare -m sh -c "mount -t tmpfs tmpfs /run/avahi-daemon &&
        DBUS_SYSTEM_BUS_ADDRESS=$STACK_BUS_B exec avahi-daemon -f $dir/avahi-B.conf --no-drop-root --no-chroot --no-rlimits" \
        </dev/null >>"$dir/avahi-B.log" 2>&1 &
    set_state STACK_AVAHI_PID "$!"
    wait_for 15 "the browsing host's avahi-daemon RUNNING" avahi_running "$STACK_BUS_B"
}

# The stack's own engine: like tests/harness/dockerd-up.sh's, with every path its own.
engine() { DOCKER_HOST=$STACK_DOCKER_HOST docker "$@"; }
engine_answers() { engine info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
engine_start() {  # engine_start [--live-restore]
    local name
    name=$(basename "$STACK_ENGINE")
    mkdir -p "$STACK_ENGINE" "/var/lib/$name"
    dockerd --host "$STACK_DOCKER_HOST" --data-root "/var/lib/$name" --exec-root "/run/$name-exec" \
        --pidfile "/run/$name.pid" --bridge=none --iptables=false --ip6tables=false "$@" \
        </dev/null >>"$STACK_DIR/engine.log" 2>&1 &
    set_state STACK_ENGINE_PID "$!"
    load_state
    wait_for 60 "the stack's Docker engine answering at $STACK_DOCKER_HOST" engine_answers
}
engine_gone() { ! kill -0 "$STACK_ENGINE_PID" 2>/dev/null; }
engine_stop() {
    [[ -n "${STACK_ENGINE_PID:-}" ]] || return 0
    kill -TERM "$STACK_ENGINE_PID" 2>/dev/null || true
    # dockerd stops its containers first (up to their stop timeouts) unless --live-restore.
    wait_for 60 "the stack's Docker engine (pid $STACK_ENGINE_PID) exiting" engine_gone
}
engine_remove() {
    local name
    name=$(basename "$STACK_ENGINE")
    [[ "$name" == hs-engine-* ]] || return 0
    # An engine a test left stopped is started once more: without --live-restore it stops the
    # containers it finds still running, and the rest are removed through it.
    if [[ -n "${STACK_ENGINE_PID:-}" ]] && engine_gone; then engine_start || true; fi
    engine ps -aq | xargs -r env DOCKER_HOST="$STACK_DOCKER_HOST" docker rm -f >/dev/null 2>&1 || true
    engine_stop || kill -KILL "$STACK_ENGINE_PID" 2>/dev/null || true
    # dockerd bind-mounts its data root onto itself.
    findmnt -rno TARGET | grep -E "^(/var/lib|/run)/$name" | sort -r | xargs -r -n1 umount -l || true
    rm -rf "/var/lib/$name" "/run/$name-exec" "/run/$name.pid" "$STACK_ENGINE"
}

# The machine's /run/dbus becomes the test host's: refuse when a live bus already owns it.
claim_machine_bus() {
    mkdir -p /run/dbus
    if [[ -S /run/dbus/system_bus_socket ]]; then
        if timeout 2 dbus-send --system --print-reply --dest=org.freedesktop.DBus / \
            org.freedesktop.DBus.GetId >/dev/null 2>&1; then
            die "a system bus already listens at /run/dbus/system_bus_socket on this machine" \
                "the stack test host needs that path (tidal.service mounts /var/run/dbus); stop that bus or run elsewhere"
        fi
        rm -f /run/dbus/system_bus_socket
    fi
}

install_and_configure() {
    local build=$1 dir=$STACK_DIR
    # The units are configured with the install paths of the build's CMAKE_INSTALL_PREFIX, so
    # the tree is installed with that same prefix (another prefix here would install programs
    # where the units do not look). /usr/local/lib/systemd/system is on systemd's unit path.
    local prefix
    prefix="$(sed -n 's/^CMAKE_INSTALL_PREFIX:[A-Z]*=//p' "$build/CMakeCache.txt")"
    prefix=${prefix:-/usr/local}
    set_state STACK_PREFIX "$prefix"
    DESTDIR="$dir/root" cmake --install "$build" --prefix "$prefix" >"$dir/install.log" 2>&1 ||
        die "cmake --install $build --prefix $prefix failed" "read $dir/install.log"
    # --keep-directory-symlink: Debian 12 has merged /usr (/lib is a link to usr/lib), and the
    # units of a /usr-prefixed tree are under lib/systemd/system.
    tar -C "$dir/root" -c . | inside tar -C / --no-same-owner --keep-directory-symlink -xf - ||
        die "copying the installed tree into $STACK_HOST failed" "check 'docker logs $STACK_HOST'"

    # Avahi on the test host's side of the veth only.
    inside sed -i "s/^allow-interfaces=.*/allow-interfaces=$STACK_IF_A/; s/^#\?host-name=.*/host-name=hs-a-$STACK_ID/" \
        /etc/avahi/avahi-daemon.conf
    inside systemctl restart avahi-daemon.service
    # The engine runs on this machine, not in the test host. The units' Requires=docker.service
    # is met by a stand-in that is active while the engine answers through the mounted socket.
    write_inside /etc/systemd/system/docker.service <<'UNIT'
[Unit]
Description=The stack's Docker engine on the machine, reached through /var/run/docker.sock (e2e stand-in)
[Service]
Type=oneshot
RemainAfterExit=yes
# Active once the engine answers; stopping waits until it no longer does (`stack-host.sh engine
# STATE stop`), so `systemctl restart docker` orders the units around the engine's restart as
# the real docker.service does.
ExecStart=/bin/sh -c 'until /usr/bin/docker info >/dev/null 2>&1; do sleep 0.2; done'
ExecStop=/bin/sh -c 'while /usr/bin/docker info >/dev/null 2>&1; do sleep 0.2; done'
TimeoutSec=120
UNIT
    # PulseAudio's null sink: the ALSA mixer ("pulse" device) the bridge drives.
    write_inside /etc/systemd/system/e2e-pulse.service <<'UNIT'
[Unit]
Description=PulseAudio null sink for the e2e tests (not part of Harmony)
[Service]
Environment=XDG_RUNTIME_DIR=/run/pulse-e2e HOME=/run/pulse-e2e
RuntimeDirectory=pulse-e2e
ExecStart=/usr/bin/pulseaudio --daemonize=no --exit-idle-time=-1 -n \
    --load="module-null-sink sink_name=speaker" \
    --load="module-native-protocol-unix auth-anonymous=1 socket=/run/pulse-e2e/native"
UNIT

    # The speaker's settings, as docs/operations.md tells a user to write them.
    write_inside /etc/tidal-connect/tidal.env <<ENV
FRIENDLY_NAME=$STACK_NAME
MODEL_NAME=HarmonyE2E
PLAYBACK_DEVICE=default
MQA_CODEC=false
MQA_PASSTHROUGH=false
ENV
    write_inside /etc/systemd/system/tidal.service.d/image.conf <<'DROPIN'
[Service]
Environment=TIDAL_IMAGE=harmony-test/tidal-speaker:latest
DROPIN

    # The watchdog with the shipped tidal preset, made quick (grace, cooldown) for the tests and
    # on a free port, through /etc/harmony/watchdog.yml and the documented drop-in.
    sed -e "s/^  port: .*/  port: $STACK_WATCHDOG_PORT/" \
        -e "s/grace: 30s/grace: 2s/" \
        -e "s/cooldown: {initial: 60s, cap: 15m, reset_after: 30m}/cooldown: {initial: 1s, cap: 4s, reset_after: 30m}/" \
        -e "s/give_up: {restarts: 5, within: 30m}/give_up: {restarts: 100, within: 30m}/" \
        "$repo/docs/watchdog/tidal.yml" | write_inside /etc/harmony/watchdog.yml
    write_inside /etc/systemd/system/tidal-watchdog.service.d/config.conf <<DROPIN
[Service]
ExecStartPre=
ExecStartPre=$prefix/bin/harmony-watchdog --config /etc/harmony/watchdog.yml --check-config
ExecStart=
ExecStart=$prefix/bin/harmony-watchdog --config /etc/harmony/watchdog.yml
DROPIN
    write_inside /etc/harmony/volume-bridge.yml <<'YAML'
mixer:
  BRIDGE_MIXER_DEVICE: pulse
  BRIDGE_MIXER_CONTROL: Master
publish:
  BRIDGE_MPRIS_ENABLED: false
YAML
    write_inside /etc/systemd/system/tidal-volume-bridge.service.d/pulse.conf <<'DROPIN'
[Unit]
Wants=e2e-pulse.service
After=e2e-pulse.service
[Service]
Environment=PULSE_SERVER=unix:/run/pulse-e2e/native
DROPIN

    # harmonyd: its host directories at a path the engine sees too, on a free port.
    write_inside /etc/harmony/harmony.env <<ENV
PUID=1000
PGID=1000
UMASK=022
TZ=Etc/UTC
APP_PORT=$STACK_APP_PORT
ENV
    write_inside /etc/systemd/system/harmony.service.d/e2e.conf <<DROPIN
[Service]
Environment=HARMONY_ROOT=$STACK_ROOT
Environment=HARMONY_IMAGE=harmony-test/harmonyd:latest
DROPIN
    sed -e "s/^  port: .*/  port: $STACK_HARMONY_WATCHDOG_PORT/" \
        -e "s#127.0.0.1:8080#127.0.0.1:$STACK_APP_PORT#" \
        -e "s/grace: 60s/grace: 2s/" \
        -e "s/cooldown: {initial: 30s, cap: 15m, reset_after: 30m}/cooldown: {initial: 1s, cap: 4s, reset_after: 30m}/" \
        -e "s/interval: 15s, timeout: 3s, failures: 3/interval: 1s, timeout: 1s, failures: 3/" \
        "$repo/docs/watchdog/harmony.yml" | write_inside /etc/harmony/watchdog-harmony.yml
    write_inside /etc/systemd/system/harmony-watchdog.service.d/config.conf <<DROPIN
[Service]
ExecStartPre=
ExecStartPre=$prefix/bin/harmony-watchdog --config /etc/harmony/watchdog-harmony.yml --check-config
ExecStart=
ExecStart=$prefix/bin/harmony-watchdog --config /etc/harmony/watchdog-harmony.yml
DROPIN
    inside systemctl daemon-reload
    # The installed units must pass systemd's own check on the host they run on.
    inside sh -c "cd $prefix/lib/systemd/system && systemd-analyze verify --man=no tidal.service \
        tidal-watchdog.service tidal-volume-bridge.service harmony.service harmony-watchdog.service" ||
        die "the installed units fail systemd-analyze verify in $STACK_HOST" "see the messages above"
    inside systemctl enable --quiet tidal.service tidal-watchdog.service tidal-volume-bridge.service
    [[ "$(inside systemctl is-system-running || true)" == running ]] ||
        die "test host $STACK_HOST is not 'running' after installing the stack" \
            "inspect: docker exec $STACK_HOST systemctl --failed"
}

up() {
    need_root
    require_docker
    [[ $# -eq 1 ]] || usage
    local build
    build="$(cd "$1" && pwd)"
    for c in ip unshare dbus-daemon dbus-send avahi-daemon avahi-browse python3 cmake; do
        need_cmd "$c" "scripts/deps.sh test"
    done
    : >"$state"
    local id
    id="$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
    set_state STACK_ID "$id"
    set_state STACK_DIR "$(mktemp -d /tmp/harmony-stack.XXXXXX)"
    set_state STACK_HOST "hs-stack-$id"
    set_state STACK_NS "hs-stkB-$id"
    set_state STACK_IF_A "hsA$id"
    set_state STACK_IF_B "hsB$id"
    set_state STACK_ROOT "/var/lib/harmony-e2e-$id"
    set_state STACK_NAME "Stack $id"
    set_state STACK_WATCHDOG_PORT "$(free_port)"
    set_state STACK_HARMONY_WATCHDOG_PORT "$(free_port)"
    set_state STACK_APP_PORT "$(free_port)"
    set_state STACK_ENGINE "/run/hs-engine-$id"
    set_state STACK_DOCKER_HOST "unix:///run/hs-engine-$id/docker.sock"
    load_state
    set_state STACK_BUS_B "unix:path=$STACK_DIR/bus-B"
    load_state
    trap 'down_quietly' ERR EXIT

    "$here/images.sh" busybox bookworm testhost >/dev/null
    "$repo/docker/test-images/build.sh" tidal-speaker >/dev/null
    "$here/harmonyd-image.sh" "$build/daemons/harmonyd/harmonyd" >/dev/null
    engine_start
    docker save harmony-test/tidal-speaker:latest harmony-test/harmonyd:latest | engine load >/dev/null ||
        die "loading the speaker and harmonyd images into the stack's engine failed" "read $STACK_DIR/engine.log"
    claim_machine_bus
    if [[ ! -e /dev/snd ]]; then
        mkdir /dev/snd
        mknod /dev/snd/controlC0 c 116 0
        set_state STACK_MADE_DEVSND 1
    fi
    start_browser_host
    mkdir -p "$STACK_ROOT"/{config,downloads,music}
    chown -R 1000:1000 "$STACK_ROOT"
    HARMONY_TESTHOST_QUIET=1 \
        HARMONY_TESTHOST_RUN_ARGS="-v /run/dbus:/run/dbus -v $STACK_ROOT:$STACK_ROOT --cap-add NET_ADMIN" \
        HARMONY_TESTHOST_ENGINE_SOCKET="${STACK_DOCKER_HOST#unix://}" \
        "$here/testhost.sh" start "$STACK_HOST"
    install_and_configure "$build"
    trap - ERR EXIT
    echo "stack host $STACK_HOST up (speaker name '$STACK_NAME', browse from $STACK_NS)"
}

down_quietly() {
    local status=$?
    down || true
    exit "$status"
}

down() {
    load_state || return 0
    if [[ -n "${STACK_HOST:-}" ]]; then
        # Stop the units first so their containers go the way the units say.
        docker exec "$STACK_HOST" systemctl stop tidal-watchdog.service harmony-watchdog.service \
            tidal.service harmony.service >/dev/null 2>&1 || true
        "$here/testhost.sh" stop "$STACK_HOST" || true
    fi
    [[ -n "${STACK_ENGINE:-}" ]] && engine_remove
    rm -f /run/dbus/system_bus_socket
    stop_pid "${STACK_AVAHI_PID:-}" avahi-daemon
    stop_pid "${STACK_DBUS_PID:-}" dbus-daemon
    if [[ -n "${STACK_IF_A:-}" ]] && ip link show "$STACK_IF_A" >/dev/null 2>&1; then
        ip link del "$STACK_IF_A"
    fi
    if [[ -n "${STACK_NS:-}" ]] && ip netns list | grep -qw -- "$STACK_NS"; then
        ip netns del "$STACK_NS"
    fi
    if [[ "${STACK_MADE_DEVSND:-}" == 1 ]]; then
        rm -f /dev/snd/controlC0
        rmdir /dev/snd 2>/dev/null || true
    fi
    [[ "${STACK_ROOT:-}" == /var/lib/harmony-e2e-* ]] && rm -rf "$STACK_ROOT"
    [[ "${STACK_DIR:-}" == /tmp/harmony-stack.* ]] && rm -rf "$STACK_DIR"
    rm -f "$state"
}

[[ $# -ge 2 ]] || usage
cmd=$1
case "$cmd" in
up)
    [[ $# -eq 3 ]] || usage
    state=$3
    up "$2"
    ;;
down)
    state=$2
    down
    ;;
browse)
    state=$2
    load_state || die "no stack state in $state" "run: $0 up BUILD_DIR $state"
    ip netns exec "$STACK_NS" env DBUS_SYSTEM_BUS_ADDRESS="$STACK_BUS_B" \
        timeout 10 avahi-browse -prt _tidalconnect._tcp
    ;;
engine)
    state=$2
    load_state || die "no stack state in $state" "run: $0 up BUILD_DIR $state"
    case "${3:-}" in
    stop) engine_stop ;;
    start) shift 3; engine_start "$@" ;;
    *) usage ;;
    esac
    ;;
link)
    state=$2
    load_state || die "no stack state in $state" "run: $0 up BUILD_DIR $state"
    [[ "${3:-}" =~ ^(up|down)$ ]] || usage
    ip link set "$STACK_IF_A" "$3"
    ;;
*) usage ;;
esac
