#!/usr/bin/env bash
# Manage a systemd test host container (image harmony-testhost:latest).
#
#   testhost.sh start NAME        start it (or reuse a running one), copy the host's docker
#                                 CLI to /usr/bin/docker inside, wait until systemd is up
#   testhost.sh stop NAME         remove the container (no-op if absent)
#   testhost.sh exec NAME CMD...  run CMD inside it (exit status is CMD's)
#
# The container shares the host's network namespace (--network host; Docker's default
# bridge is never used). Siblings that must share the test host's network use
# --network container:NAME. Override with HARMONY_TESTHOST_NETWORK=none.
# Boot wait is bounded by HARMONY_TESTHOST_TIMEOUT seconds (default 90).
# HARMONY_TESTHOST_RUN_ARGS adds `docker run` arguments (space-separated words).
# HARMONY_TESTHOST_ENGINE_SOCKET: the engine the test host's docker CLI talks to, when not the
# one running it. Its directory is bind-mounted at the same path and /var/run/docker.sock points
# at it, so the engine may restart (a new socket file) under a running test host.
# The host must boot "running": "degraded" (a failed unit) is an error that lists the failed
# units and their journal. HARMONY_TESTHOST_STRICT=0 accepts degraded (for debugging only).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

IMAGE="${HARMONY_TESTHOST_IMAGE:-harmony-testhost:latest}"
NETWORK="${HARMONY_TESTHOST_NETWORK:-host}"
timeout_s="${HARMONY_TESTHOST_TIMEOUT:-90}"

usage() {
    echo "usage: $0 start NAME | stop NAME | exec NAME CMD..." >&2
    exit 2
}

# Engine socket on the host (honours DOCKER_HOST=unix:///path).
engine_socket() {
    case "${DOCKER_HOST:-}" in
    unix://*) echo "${DOCKER_HOST#unix://}" ;;
    "") echo /var/run/docker.sock ;;
    *) die "DOCKER_HOST=$DOCKER_HOST is not a unix socket; the test host needs the engine socket mounted" \
        "unset DOCKER_HOST or point it at unix:///path/to/docker.sock" ;;
    esac
}

state_of() { docker inspect -f '{{.State.Status}}' "$1" 2>/dev/null || true; }

system_state() { docker exec "$1" systemctl is-system-running 2>/dev/null || true; }

start() {
    local name="$1" t0 st sock cli deadline
    local -a extra=()
    t0="$(now_ms)"
    case "$NETWORK" in
    host | none) ;;
    *) die "HARMONY_TESTHOST_NETWORK=$NETWORK is not allowed" "use 'host' or 'none' (never Docker's default bridge)" ;;
    esac
    st="$(state_of "$name")"
    if [[ -n "$st" && "$st" != running ]]; then
        info "removing leftover container $name (state $st)"
        docker rm -f "$name" >/dev/null
        st=""
    fi
    if [[ -z "$st" ]]; then
        image_exists "$IMAGE" || die "image $IMAGE not found" "build it: $HARMONY_HARNESS_DIR/images.sh testhost"
        # Extra `docker run` arguments (bind mounts at identical paths, capabilities), one
        # word each: HARMONY_TESTHOST_RUN_ARGS="-v /run/dbus:/run/dbus --cap-add NET_ADMIN".
        read -r -a extra <<<"${HARMONY_TESTHOST_RUN_ARGS:-}"
        sock="${HARMONY_TESTHOST_ENGINE_SOCKET:-$(engine_socket)}"
        [[ -S "$sock" ]] || die "engine socket $sock not found" "start the engine: $HARMONY_HARNESS_DIR/dockerd-up.sh"
        local mount=("-v" "$sock:/var/run/docker.sock")
        if [[ -n "${HARMONY_TESTHOST_ENGINE_SOCKET:-}" ]]; then
            mount=("-v" "$(dirname "$sock"):$(dirname "$sock")")
        fi
        docker run -d --name "$name" \
            --network "$NETWORK" \
            --cap-add SYS_ADMIN \
            --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
            --cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:rw \
            --tmpfs /run --tmpfs /run/lock \
            "${mount[@]}" \
            --label org.harmony.testhost=1 \
            "${extra[@]}" \
            "$IMAGE" >/dev/null ||
            die "docker run of test host $name failed" "see the message above; 'docker ps -a' shows leftovers, '$0 stop $name' removes them"
    fi

    if [[ -n "${HARMONY_TESTHOST_ENGINE_SOCKET:-}" ]]; then
        docker exec "$name" ln -sfn "$HARMONY_TESTHOST_ENGINE_SOCKET" /run/docker.sock ||
            die "linking /run/docker.sock to $HARMONY_TESTHOST_ENGINE_SOCKET in $name failed" "check 'docker logs $name'"
    fi
    # The docker CLI is copied at runtime (not baked into the image) so it always matches the host's.
    cli="$(command -v docker)"
    cli="$(readlink -f "$cli")"
    docker cp "$cli" "$name:/usr/bin/docker" >/dev/null ||
        die "copying $cli into $name:/usr/bin/docker failed" "check 'docker logs $name'"

    deadline=$((SECONDS + timeout_s))
    while :; do
        st="$(state_of "$name")"
        if [[ "$st" != running ]]; then
            echo "---- docker logs --tail 30 $name ----" >&2
            docker logs --tail 30 "$name" >&2 || true
            die "test host $name is not running (state '${st:-gone}')" \
                "read the log above; systemd in a container needs cgroups at /sys/fs/cgroup (see TESTBED.md)"
        fi
        case "$(system_state "$name")" in
        running)
            break
            ;;
        degraded)
            echo "harmony-harness: $_harness_name: test host $name is degraded; failed units:" >&2
            docker exec "$name" systemctl --failed --no-legend --plain >&2 || true
            if [[ "${HARMONY_TESTHOST_STRICT:-1}" == 1 ]]; then
                docker exec "$name" journalctl -b -p warning --no-pager -n 40 >&2 || true
                die "test host $name booted degraded" "inspect with: $0 exec $name journalctl -b -p warning"
            fi
            break
            ;;
        esac
        if ((SECONDS >= deadline)); then
            echo "---- state: $(system_state "$name"); pending jobs ----" >&2
            docker exec "$name" systemctl list-jobs --no-pager >&2 || true
            die "test host $name did not reach running/degraded within ${timeout_s}s" \
                "inspect with: $0 exec $name journalctl -b; remove with: $0 stop $name"
        fi
        sleep 0.2
    done
    info "test host $name up after $(fmt_secs "$t0")s"
    if [[ "${HARMONY_TESTHOST_QUIET:-0}" != 1 ]]; then
        echo "testhost $name: $(system_state "$name") after $(fmt_secs "$t0")s"
    fi
}

stop() {
    local name="$1"
    [[ -n "$(state_of "$name")" ]] || return 0
    docker rm -f "$name" >/dev/null || die "removing container $name failed" "try: docker rm -f $name"
}

need_root
[[ $# -ge 2 ]] || usage
cmd="$1" name="$2"
shift 2
[[ "$name" =~ ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$ ]] || die "invalid container name '$name'" "use letters, digits, '_', '.', '-'"
require_docker
case "$cmd" in
start) [[ $# -eq 0 ]] || usage; start "$name" ;;
stop) [[ $# -eq 0 ]] || usage; stop "$name" ;;
exec)
    [[ $# -ge 1 ]] || usage
    [[ "$(state_of "$name")" == running ]] || die "test host $name is not running" "start it: $0 start $name"
    flags=(-i)
    if [[ -t 0 && -t 1 ]]; then flags=(-it); fi
    exec docker exec "${flags[@]}" "$name" "$@"
    ;;
*) usage ;;
esac
