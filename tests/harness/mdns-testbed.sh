#!/usr/bin/env bash
# Two mDNS "hosts" on one machine: network namespaces A and B joined by a veth pair, each with
# its own dbus-daemon (a private system bus) and avahi-daemon. Recipe: /work/shared/docs/TESTBED.md.
#
#   mdns-testbed.sh up STATE_FILE          start both hosts; write KEY=value facts to STATE_FILE
#   mdns-testbed.sh down STATE_FILE        stop what `up` started (by PID), delete the namespaces
#   mdns-testbed.sh stop-avahi STATE_FILE A|B [TERM|KILL]   stop one host's avahi-daemon
#   mdns-testbed.sh start-avahi STATE_FILE A|B              start it again, wait for RUNNING
#
# STATE_FILE (sourceable, one KEY=value a line): MDNS_DIR, MDNS_NS_A/B, MDNS_BUS_A/B
# (DBUS_SYSTEM_BUS_ADDRESS values), MDNS_ADDR_A/B, MDNS_HOST_A/B, MDNS_AVAHI_PID_A/B,
# MDNS_DBUS_PID_A/B. Namespace and host names carry a random id, so runs never collide; `down`
# is idempotent and also cleans up after a half-finished `up`. Needs root.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { echo "usage: $0 up|down|stop-avahi|start-avahi STATE_FILE [A|B] [TERM|KILL]" >&2; exit 64; }
[[ $# -ge 2 ]] || usage
cmd=$1
state=$2

set_state() {  # set_state KEY VALUE: replace or append a line in the state file
    local tmp
    tmp="$(mktemp "$state.XXXXXX")"
    grep -v "^$1=" "$state" >"$tmp" 2>/dev/null || true
    echo "$1=$2" >>"$tmp"
    mv "$tmp" "$state"
}

load_state() {
    [[ -f "$state" ]] || return 1
    # shellcheck disable=SC1090
    source "$state"
}

# avahi_state BUS -> the server state number (2 = RUNNING), empty when nobody answers.
avahi_state() {
    timeout 2 dbus-send --bus="$1" --print-reply=literal --dest=org.freedesktop.Avahi / \
        org.freedesktop.Avahi.Server.GetState 2>/dev/null | awk '{print $2}'
}

launch_avahi() {  # launch_avahi A|B: start it in the background, record its PID
    local host=$1 ns bus dir
    ns="MDNS_NS_$host"; ns=${!ns}
    bus="MDNS_BUS_$host"; bus=${!bus}
    dir=$MDNS_DIR
    mkdir -p /run/avahi-daemon  # mount point for the private tmpfs (pid file, socket)
    # ip netns exec and unshare both exec, so $! ends up as avahi-daemon's own PID.
    ip netns exec "$ns" unshare -m sh -c "mount -t tmpfs tmpfs /run/avahi-daemon &&
        DBUS_SYSTEM_BUS_ADDRESS=$bus exec avahi-daemon -f $dir/avahi-$host.conf --no-drop-root --no-chroot --no-rlimits" \
        </dev/null >>"$dir/avahi-$host.log" 2>&1 &
    set_state "MDNS_AVAHI_PID_$host" "$!"
}

wait_avahi() {  # wait_avahi A|B: until its server state is RUNNING (15 s at most)
    local host=$1 bus pid deadline dir
    load_state
    bus="MDNS_BUS_$host"; bus=${!bus}
    pid="MDNS_AVAHI_PID_$host"; pid=${!pid}
    dir=$MDNS_DIR
    deadline=$(( $(now_ms) + 15000 ))
    until [[ "$(avahi_state "$bus")" == 2 ]]; do
        pid_alive "$pid" || die "avahi-daemon on host $host exited; log: $dir/avahi-$host.log" \
            "read the log; is another avahi-daemon using this namespace?"
        (( $(now_ms) < deadline )) || die "avahi-daemon on host $host not RUNNING within 15 s; log: $dir/avahi-$host.log"
        sleep 0.05
    done
}

up() {
    need_root
    for c in ip unshare dbus-daemon dbus-send avahi-daemon avahi-publish; do
        need_cmd "$c" "apt-get install -y avahi-daemon avahi-utils dbus iproute2 (scripts/deps.sh test)"
    done
    local id dir host peer
    id="$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
    dir="$(mktemp -d /tmp/harmony-mdns.XXXXXX)"
    : >"$state"
    set_state MDNS_DIR "$dir"
    set_state MDNS_NS_A "hm-mdA-$id"
    set_state MDNS_NS_B "hm-mdB-$id"
    trap 'down_quietly' ERR EXIT
    load_state
    ip netns add "$MDNS_NS_A"
    ip netns add "$MDNS_NS_B"
    ip link add vA netns "$MDNS_NS_A" type veth peer name vB netns "$MDNS_NS_B"
    for host in A B; do
        local ns="MDNS_NS_$host" addr
        ns=${!ns}
        [[ $host == A ]] && addr=10.250.0.1 || addr=10.250.0.2
        ip -n "$ns" addr add "$addr/24" dev "v$host"
        ip -n "$ns" link set "v$host" up multicast on
        ip -n "$ns" link set lo up
        set_state "MDNS_ADDR_$host" "$addr"
        set_state "MDNS_HOST_$host" "hm-$(tr 'AB' 'ab' <<<"$host")-$id"
        set_state "MDNS_BUS_$host" "unix:path=$dir/bus-$host"
        cat >"$dir/dbus-$host.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/bus-$host</listen>
  <auth>EXTERNAL</auth>
  <includedir>/usr/share/dbus-1/system.d</includedir>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
        cat >"$dir/avahi-$host.conf" <<CONF
[server]
host-name=hm-$(tr 'AB' 'ab' <<<"$host")-$id
use-ipv4=yes
use-ipv6=no
allow-interfaces=v$host
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
publish-workstation=no
publish-hinfo=no
publish-addresses=yes
CONF
        ip netns exec "$ns" dbus-daemon --config-file="$dir/dbus-$host.conf" --nofork --nopidfile \
            </dev/null >>"$dir/dbus-$host.log" 2>&1 &
        set_state "MDNS_DBUS_PID_$host" "$!"
    done
    load_state
    local deadline=$(( $(now_ms) + 10000 ))
    until [[ -S "$dir/bus-A" && -S "$dir/bus-B" ]]; do
        (( $(now_ms) < deadline )) || die "dbus-daemons did not create their sockets within 10 s; logs in $dir"
        sleep 0.02
    done
    launch_avahi A
    launch_avahi B
    wait_avahi A
    wait_avahi B
    trap - ERR EXIT
    echo "mdns testbed up: $MDNS_NS_A ($MDNS_ADDR_A) <-> $MDNS_NS_B ($MDNS_ADDR_B); state $state"
}

down_quietly() {
    local status=$?
    down || true
    exit "$status"
}

down() {
    load_state || return 0
    local host pid
    for host in A B; do
        pid="MDNS_AVAHI_PID_$host"; stop_pid "${!pid:-}" avahi-daemon TERM
        pid="MDNS_DBUS_PID_$host"; stop_pid "${!pid:-}" dbus-daemon TERM
    done
    for host in A B; do
        local ns="MDNS_NS_$host"
        if [[ -n "${!ns:-}" ]] && ip netns list | grep -qw -- "${!ns}"; then
            ip netns del "${!ns}"
        fi
    done
    [[ "${MDNS_DIR:-}" == /tmp/harmony-mdns.* ]] && rm -rf "$MDNS_DIR"
    rm -f "$state"
}

case "$cmd" in
    up) up ;;
    down) down ;;
    stop-avahi)
        load_state || die "no testbed state in $state" "run: $0 up $state"
        [[ "${3:-}" =~ ^[AB]$ ]] || usage
        pid="MDNS_AVAHI_PID_$3"; stop_pid "${!pid}" avahi-daemon "${4:-TERM}" ;;
    start-avahi)
        load_state || die "no testbed state in $state" "run: $0 up $state"
        [[ "${3:-}" =~ ^[AB]$ ]] || usage
        launch_avahi "$3"
        wait_avahi "$3" ;;
    *) usage ;;
esac
