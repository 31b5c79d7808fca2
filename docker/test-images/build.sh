#!/usr/bin/env bash
# Builds (once) the local test images under docker/test-images/. Needs harmony-test/busybox:latest
# (tests/harness/images.sh busybox). An image is rebuilt only when its folder's content changed:
# the image carries the content hash as a label.
#
#   build.sh speaker     → harmony-test/speaker:latest
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for name in "${@:-speaker}"; do
    ctx="$here/$name"
    [[ -f "$ctx/Dockerfile" ]] || { echo "build.sh: no test image '$name' (no $ctx/Dockerfile)" >&2; exit 64; }
    tag="harmony-test/$name:latest"
    want="$(cd "$ctx" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
    have="$(docker image inspect -f '{{index .Config.Labels "org.harmony.context-sha256"}}' "$tag" 2>/dev/null || true)"
    if [[ "$have" == "$want" ]]; then
        echo "$tag: cached"
        continue
    fi
    DOCKER_BUILDKIT=0 docker build -q --network none --label "org.harmony.context-sha256=$want" -t "$tag" "$ctx" >/dev/null
    echo "$tag: built"
done
