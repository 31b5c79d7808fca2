#!/usr/bin/env bash
# Build (once) the local base images the Docker tests need. No registry is used.
#
#   images.sh [busybox|bookworm|testhost|all]...     (default: all)
#
#   harmony-test/busybox:latest   busybox-static + applet symlinks, `docker import`   (~2 s)
#   debian:bookworm (+ debian:bookworm-slim)
#                                 debootstrap --variant=minbase, `docker import`      (~2-4 min)
#   harmony-testhost:latest       systemd test host, `docker build --network host`
#                                 from tests/harness/testhost/Dockerfile               (~1 min)
#
# An image is skipped when `docker image inspect TAG` finds it (the test host is
# rebuilt when its Dockerfile changed: the image carries the Dockerfile's hash as a label).
# Prints one line per image: "<tag>: built|cached <seconds>s". Build logs go to
# $HARMONY_TEST_LOG_DIR/image-<name>.log.
#
# Environment: HARMONY_DEBIAN_MIRROR / HARMONY_DEBIAN_SECURITY_MIRROR override the mirror
# taken from the host's /etc/apt/sources.list{,.d/*}. HARMONY_REBUILD=1 ignores the cache.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

BUSYBOX_TAG=harmony-test/busybox:latest
BOOKWORM_TAG=debian:bookworm
BOOKWORM_SLIM_TAG=debian:bookworm-slim
TESTHOST_TAG=harmony-testhost:latest
TESTHOST_CTX="$HARMONY_HARNESS_DIR/testhost"
SUITE=bookworm

usage() {
    echo "usage: $0 [busybox|bookworm|testhost|all]..." >&2
    exit 2
}

# ---------------------------------------------------------------- helpers
TMPDIRS=()
cleanup_dir() {
    # Unmount anything debootstrap may have left mounted (proc, sys, ...) before deleting,
    # deepest first, and never cross into another filesystem while deleting.
    local d="$1" m
    [[ -d "$d" ]] || return 0
    while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$d/" 'index($2, d) == 1 {print $2}' /proc/mounts | sort -r)
    rm -rf --one-file-system "$d"
}
cleanup_all() {
    local d
    for d in "${TMPDIRS[@]}"; do cleanup_dir "$d"; done
}
trap cleanup_all EXIT

mk_tmpdir() {
    # /var/tmp, not /tmp: debootstrap needs device nodes and exec, which a tmpfs /tmp may forbid.
    local d
    d="$(mktemp -d "/var/tmp/harmony-$1.XXXXXX")"
    TMPDIRS+=("$d")
    echo "$d"
}

logfile() {
    mkdir -p "$HARMONY_TEST_LOG_DIR"
    echo "$HARMONY_TEST_LOG_DIR/image-$1.log"
}

fail_with_log() {
    # fail_with_log LOG MESSAGE HINT
    echo "---- last 25 lines of $1 ----" >&2
    tail -n 25 "$1" >&2 || true
    die "$2 (full log: $1)" "$3"
}

report() { printf '%-28s %s %ss\n' "$1:" "$2" "$3"; }

# debian_mirrors -> prints "MAIN_URI SECURITY_URI" (SECURITY_URI may be "-") taken from the
# host's apt sources. Handles one-line *.list files and deb822 *.sources files.
debian_mirrors() {
    local files=() f
    [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
    for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [[ -f "$f" ]] && files+=("$f")
    done
    [[ ${#files[@]} -gt 0 ]] || return 0
    # Emit "URI SUITE" pairs for every enabled binary ("deb") source, then pick.
    awk '
        function flush() {
            if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled !~ /^(no|false)$/)
                for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print uris[i], suites[j]
            types = ""; enabled = ""; nu = 0; ns = 0
        }
        FNR == 1 { flush(); deb822 = (FILENAME ~ /\.sources$/) }
        deb822 {
            if ($0 ~ /^[ \t]*#/) next
            if ($0 ~ /^[ \t]*$/) { flush(); next }
            if (match($0, /^[A-Za-z-]+:/)) {
                key = tolower(substr($0, 1, RLENGTH - 1)); val = substr($0, RLENGTH + 1)
                if (key == "types") types = val
                else if (key == "enabled") { enabled = tolower(val); gsub(/[ \t]/, "", enabled) }
                else if (key == "uris") nu = split(val, uris, /[ \t]+/)
                else if (key == "suites") ns = split(val, suites, /[ \t]+/)
                # drop empty leading fields produced by leading blanks
                while (nu > 0 && uris[1] == "") { for (k = 1; k < nu; k++) uris[k] = uris[k+1]; nu-- }
                while (ns > 0 && suites[1] == "") { for (k = 1; k < ns; k++) suites[k] = suites[k+1]; ns-- }
            }
            next
        }
        {
            line = $0; sub(/#.*/, "", line); gsub(/\[[^]]*\]/, " ", line)
            n = split(line, w, /[ \t]+/); k = 1; while (k <= n && w[k] == "") k++
            if (w[k] == "deb" && k + 2 <= n) print w[k+1], w[k+2]
        }
        END { flush() }
    ' "${files[@]}" | awk -v s="$SUITE" '
        $1 !~ /^https?:\/\// { next }
        { sub(/\/+$/, "", $1) }
        $2 == s && main == ""            { main = $1 }
        $2 == s "-security" && sec == "" { sec = $1 }
        END { if (main != "") print main, (sec == "" ? "-" : sec) }
    '
}

# ---------------------------------------------------------------- busybox
build_busybox() {
    local t0 root log
    t0="$(now_ms)"
    if [[ "${HARMONY_REBUILD:-0}" != 1 ]] && image_exists "$BUSYBOX_TAG"; then
        report "$BUSYBOX_TAG" cached "$(fmt_secs "$t0")"
        return 0
    fi
    ensure_pkgs busybox-static
    log="$(logfile busybox)"
    root="$(mk_tmpdir busybox)"
    local bb
    bb="$(dpkg -L busybox-static | grep -E '/s?bin/busybox$' | head -n1)"
    [[ -n "$bb" && -x "$bb" ]] || die "busybox-static is installed but its /bin/busybox was not found" \
        "reinstall it: apt-get install --reinstall -y busybox-static"
    {
        mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,proc,sys,dev,root,var/tmp,run}
        chmod 1777 "$root/tmp" "$root/var/tmp"
        cp "$bb" "$root/bin/busybox"
        local applet
        # --list-full gives e.g. bin/sh, usr/bin/awk, sbin/ip; link them all to /bin/busybox.
        while read -r applet; do
            [[ -n "$applet" && "$applet" != bin/busybox ]] || continue
            mkdir -p "$root/$(dirname "$applet")"
            ln -sfn /bin/busybox "$root/$applet"
        done < <("$root/bin/busybox" --list-full)
        printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
        printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
        tar --numeric-owner -C "$root" -c . | docker import -c 'CMD ["/bin/sh"]' - "$BUSYBOX_TAG"
    } >"$log" 2>&1 || fail_with_log "$log" "building $BUSYBOX_TAG failed" \
        "check that the Docker engine works ('docker info') and busybox-static is installed"
    cleanup_dir "$root"
    report "$BUSYBOX_TAG" built "$(fmt_secs "$t0")"
}

# ---------------------------------------------------------------- debian:bookworm
build_bookworm() {
    local t0 root log mirrors main sec
    t0="$(now_ms)"
    if [[ "${HARMONY_REBUILD:-0}" != 1 ]] && image_exists "$BOOKWORM_TAG"; then
        image_exists "$BOOKWORM_SLIM_TAG" || docker tag "$BOOKWORM_TAG" "$BOOKWORM_SLIM_TAG"
        report "$BOOKWORM_TAG" cached "$(fmt_secs "$t0")"
        return 0
    fi
    mirrors="$(debian_mirrors)"
    main="${HARMONY_DEBIAN_MIRROR:-${mirrors%% *}}"
    sec="${HARMONY_DEBIAN_SECURITY_MIRROR:-${mirrors##* }}"
    [[ -n "$main" ]] || die "could not find a Debian '$SUITE' mirror in /etc/apt/sources.list or /etc/apt/sources.list.d/*" \
        "set HARMONY_DEBIAN_MIRROR=http://your.mirror/debian and retry"
    [[ -n "$sec" ]] || sec=-
    info "using Debian mirror $main (security: $sec)"
    ensure_pkgs debootstrap
    log="$(logfile bookworm)"
    root="$(mk_tmpdir debootstrap)"
    if ! debootstrap --variant=minbase "$SUITE" "$root" "$main" >"$log" 2>&1; then
        [[ -f "$root/debootstrap/debootstrap.log" ]] && cat "$root/debootstrap/debootstrap.log" >>"$log"
        fail_with_log "$log" "debootstrap $SUITE from $main failed" \
            "check that $main is reachable (apt-get update on the host), or set HARMONY_DEBIAN_MIRROR"
    fi
    # The image's apt must use the same mirror as the host (the only one reachable).
    {
        echo "deb $main $SUITE main"
        echo "deb $main $SUITE-updates main"
        [[ "$sec" == - ]] || echo "deb $sec $SUITE-security main"
    } >"$root/etc/apt/sources.list"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root/debootstrap"
    {
        tar --numeric-owner -C "$root" -c . |
            docker import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BOOKWORM_TAG"
        docker tag "$BOOKWORM_TAG" "$BOOKWORM_SLIM_TAG"
    } >>"$log" 2>&1 || fail_with_log "$log" "importing $BOOKWORM_TAG failed" \
        "check 'docker info' and free space under /var/lib/docker"
    cleanup_dir "$root"
    report "$BOOKWORM_TAG" built "$(fmt_secs "$t0")"
}

# ---------------------------------------------------------------- harmony-testhost
build_testhost() {
    local t0 log want have
    t0="$(now_ms)"
    [[ -f "$TESTHOST_CTX/Dockerfile" ]] || die "missing $TESTHOST_CTX/Dockerfile" "restore it from git"
    want="$(sha256sum "$TESTHOST_CTX/Dockerfile" | cut -d' ' -f1)"
    if [[ "${HARMONY_REBUILD:-0}" != 1 ]] && image_exists "$TESTHOST_TAG"; then
        have="$(docker image inspect -f '{{index .Config.Labels "org.harmony.dockerfile-sha256"}}' "$TESTHOST_TAG" 2>/dev/null || true)"
        if [[ "$have" == "$want" ]]; then
            report "$TESTHOST_TAG" cached "$(fmt_secs "$t0")"
            return 0
        fi
        info "$TESTHOST_TAG is stale (Dockerfile changed); rebuilding"
    fi
    image_exists "$BOOKWORM_TAG" || die "$BOOKWORM_TAG is missing (the test host is built FROM it)" \
        "run: $0 bookworm"
    log="$(logfile testhost)"
    # Legacy builder (the engine is 20.10 and no buildx plugin is installed); host network
    # because Docker's default bridge is not used on these machines.
    DOCKER_BUILDKIT=0 docker build --network host --label "org.harmony.dockerfile-sha256=$want" \
        -t "$TESTHOST_TAG" "$TESTHOST_CTX" >"$log" 2>&1 ||
        fail_with_log "$log" "docker build of $TESTHOST_TAG failed" \
            "check that apt works in $BOOKWORM_TAG (its /etc/apt/sources.list must name a reachable mirror)"
    report "$TESTHOST_TAG" built "$(fmt_secs "$t0")"
}

# ---------------------------------------------------------------- main
need_root
[[ $# -gt 0 ]] || set -- all
targets=()
for a in "$@"; do
    case "$a" in
    busybox | bookworm | testhost) targets+=("$a") ;;
    all) targets+=(busybox bookworm testhost) ;;
    -h | --help) usage ;;
    *) echo "harmony-harness: $_harness_name: unknown image '$a'" >&2; usage ;;
    esac
done
require_docker
declare -A done_=()
for t in "${targets[@]}"; do
    [[ -z "${done_[$t]:-}" ]] || continue
    done_[$t]=1
    case "$t" in
    busybox) build_busybox ;;
    bookworm) build_bookworm ;;
    testhost) build_testhost ;;
    esac
done
