#!/usr/bin/env bash
# Builds the harmonyd runtime image for the tests from a binary already compiled on this host
# (same Debian 12), instead of compiling harmonyd a second time inside the builder stage:
#
#   harmonyd-image.sh BINARY [TAG]        (TAG default: harmony-test/harmonyd:latest)
#
# The Dockerfile used is the rootfs and runtime stages of docker/harmonyd/Dockerfile, verbatim
# except that its `COPY --from=builder` lines copy from this script's context, so the test image
# is what `make image` ships, apart from the binary's build type. Needs dockerd and debian:bookworm-slim
# (dockerd-up.sh, images.sh bookworm). Prints "TAG: built N s". Log: image-harmonyd.log.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

binary="${1:-}"
tag="${2:-harmony-test/harmonyd:latest}"
[[ -x "$binary" ]] || die "usage: $0 BINARY [TAG] (BINARY must be the built harmonyd)" \
    "build it first: cmake --build --preset debug --target harmonyd"
need_root
require_docker
image_exists debian:bookworm-slim || die "debian:bookworm-slim is missing" \
    "run: $HARMONY_HARNESS_DIR/images.sh bookworm"
source_root="$(cd "$HARMONY_HARNESS_DIR/../.." && pwd)"
dockerfile="$source_root/docker/harmonyd/Dockerfile"
t0="$(now_ms)"
ctx="$(mktemp -d /var/tmp/harmony-image.XXXXXX)"
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/out"
# Symbols only make the image (and the copy) bigger; the tests need none.
objcopy --strip-all "$binary" "$ctx/out/harmonyd"
"$source_root/docker/harmonyd/runtime-packages.sh" "$ctx/out/harmonyd" >"$ctx/out/runtime-packages.txt"
mkdir -p "$ctx/docker/harmonyd"
cp "$source_root/docker/harmonyd/minimal-rootfs.sh" "$ctx/docker/harmonyd/"
sed -n '/^FROM .* AS rootfs$/,$p' "$dockerfile" | sed 's/^COPY --from=builder /COPY /' >"$ctx/Dockerfile"
grep -q '^FROM .* AS runtime$' "$ctx/Dockerfile" || die "no 'FROM ... AS rootfs' stage followed by 'AS runtime' in $dockerfile" \
    "keep the rootfs and runtime stages last in the Dockerfile"
mkdir -p "$HARMONY_TEST_LOG_DIR"
log="$HARMONY_TEST_LOG_DIR/image-harmonyd.log"
DOCKER_BUILDKIT=0 docker build --network host -t "$tag" "$ctx" >"$log" 2>&1 ||
    { tail -n 25 "$log" >&2; die "docker build of $tag failed (log: $log)" \
        "check that apt works in debian:bookworm-slim (its sources.list must name a reachable mirror)"; }
printf '%-28s %s %ss\n' "$tag:" built "$(fmt_secs "$t0")"
