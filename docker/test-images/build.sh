#!/usr/bin/env bash
# Builds (once) the local test images under docker/test-images/. An image is rebuilt only when its
# content changed: the image carries a hash of its folder (and extra files) as a label.
#
#   build.sh speaker                → harmony-test/speaker:latest (FROM harmony-test/busybox,
#                                     tests/harness/images.sh busybox)
#   build.sh speaker-controller     → harmony-test/speaker-controller:latest (FROM debian:bookworm,
#                                     tests/harness/images.sh bookworm; apt over the host network)
#
# An image folder may hold build.conf (bash): NETWORK=none|host for the build (default none) and
# EXTRA_FILES=(repo-relative paths) copied into the build context next to the Dockerfile.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
for name in "${@:-speaker}"; do
    src="$here/$name"
    [[ -f "$src/Dockerfile" ]] || { echo "build.sh: no test image '$name' (no $src/Dockerfile)" >&2; exit 64; }
    NETWORK=none
    EXTRA_FILES=()
    # shellcheck source=/dev/null
    [[ -f "$src/build.conf" ]] && source "$src/build.conf"
    ctx="$(mktemp -d "/tmp/harmony-image-$name.XXXXXX")"
    trap 'rm -rf "$ctx"' EXIT
    cp -a "$src/." "$ctx/"
    for file in "${EXTRA_FILES[@]}"; do
        [[ -f "$repo/$file" ]] || { echo "build.sh: $src/build.conf names $file, which does not exist" >&2; exit 66; }
        cp -a "$repo/$file" "$ctx/"
    done
    tag="harmony-test/$name:latest"
    want="$(cd "$ctx" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
    have="$(docker image inspect -f '{{index .Config.Labels "org.harmony.context-sha256"}}' "$tag" 2>/dev/null || true)"
    if [[ "$have" == "$want" ]]; then
        echo "$tag: cached"
    else
        DOCKER_BUILDKIT=0 docker build -q --network "$NETWORK" --label "org.harmony.context-sha256=$want" \
            -t "$tag" "$ctx" >/dev/null
        echo "$tag: built"
    fi
    rm -rf "$ctx"
    trap - EXIT
done
