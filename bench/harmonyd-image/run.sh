#!/usr/bin/env bash
# Image benchmarks for docs/benchmarks.md (issue 4):
#   1. `docker start` → Docker health "healthy" (target ≤ 2 s), N fresh containers, each with
#      three fresh bind mounts (first boot: harmony.yml and harmony.db are created), host network,
#      a free port. Baseline in the same run: `docker start` → State.Running of the same container
#      (the engine's own share).
#   2. Image size (target ≤ 120 MB), with the base image's size as the baseline.
#
#   bench/harmonyd-image/run.sh [IMAGE] [RUNS]    (defaults: harmony/harmonyd:latest 10)
# Needs root and a running engine (tests/harness/dockerd-up.sh). Removes what it creates.
set -euo pipefail
image="${1:-harmony/harmonyd:latest}"
runs="${2:-10}"
docker image inspect "$image" >/dev/null || { echo "no image $image: run 'make image'" >&2; exit 69; }
work="$(mktemp -d /var/tmp/harmony-bench-image.XXXXXX)"
name="harmony_bench_$$"
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

healthy=()
running=()
for i in $(seq 1 "$runs"); do
    mkdir -p "$work/$i"/{config,downloads,music}
    docker create --name "$name" --network host -e APP_PORT="$(free_port)" \
        -v "$work/$i/config:/config" -v "$work/$i/downloads:/downloads" -v "$work/$i/music:/music" \
        "$image" >/dev/null
    t0="$(now_ms)"
    docker start "$name" >/dev/null
    t_run=""
    while true; do
        state="$(docker inspect -f '{{.State.Running}} {{.State.Health.Status}}' "$name")"
        [[ -z "$t_run" && "$state" == true* ]] && t_run="$(( $(now_ms) - t0 ))"
        [[ "$state" == "true healthy" ]] && break
        [[ "$state" == false* ]] && { docker logs "$name" >&2; echo "container exited" >&2; exit 1; }
        (( $(now_ms) - t0 < 60000 )) || { echo "not healthy within 60 s" >&2; exit 1; }
        sleep 0.02
    done
    healthy+=("$(( $(now_ms) - t0 ))")
    running+=("$t_run")
    docker rm -f "$name" >/dev/null
done
size() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.1f", $1/1e6}'; }
base="$(docker image inspect -f '{{index .Config.Labels "org.harmony.base"}}' "$image" 2>/dev/null || true)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "docker start -> healthy  (ms, $runs runs): median $(printf '%s\n' "${healthy[@]}" | median)  all: ${healthy[*]}"
echo "docker start -> running  (ms, baseline):   median $(printf '%s\n' "${running[@]}" | median)  all: ${running[*]}"
echo "image $image: $(size "$image") MB; base debian:bookworm-slim: $(size debian:bookworm-slim) MB${base:+ ($base)}"
