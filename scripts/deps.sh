#!/usr/bin/env bash
# Installs the Debian packages the project needs that are not installed yet, and runs
# `apt-get update` only when something is missing. Idempotent.
#
#   scripts/deps.sh            build packages  (scripts/packages.d/build-*.txt)
#   scripts/deps.sh test       build and test  (also scripts/packages.d/test-*.txt)
#   scripts/deps.sh cross      build and cross-build for ARM (also scripts/packages.d/cross-*.txt)
#
# Each area keeps its own list file, one package per line with a comment saying why.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-build}" in
  build) patterns=(build-) ;;
  test) patterns=(build- test-) ;;
  cross) patterns=(build- cross-) ;;
  *) echo "usage: $0 [build|test|cross]" >&2; exit 64 ;;
esac

wanted=()
for prefix in "${patterns[@]}"; do
  for list in "$here"/packages.d/"$prefix"*.txt; do
    [ -f "$list" ] || continue
    while read -r pkg _; do
      [ -n "$pkg" ] && [ "${pkg:0:1}" != "#" ] && wanted+=("$pkg")
    done <"$list"
  done
done

# A package counts as present when it is installed or an installed package provides it (a
# Node.js build that bundles npm provides "npm" and conflicts with Debian's own npm package).
provided=$(dpkg-query -W -f='${Status} ${Provides}\n' 2>/dev/null |
  awk '/^install ok installed/ {for (i = 4; i <= NF; i++) {gsub(/[(),]/, "", $i); print $i}}')
missing=()
for pkg in $(printf '%s\n' "${wanted[@]}" | sort -u); do
  # One status line per installed architecture (a cross-building host also has arm64 copies).
  status=$(dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null || true)
  grep -qx "install ok installed" <<<"$status" || grep -qx "$pkg" <<<"$provided" || missing+=("$pkg")
done

# The web UI's npm packages (htmx and Pico CSS, embedded into harmonyd at build time; the
# browser tests' playwright-core), exactly as package-lock.json pins them.
npm_packages() {
  local web="$here/../daemons/harmonyd/ui/web"
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "deps: npm ci in daemons/harmonyd/ui/web"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all packages present"
  npm_packages
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: missing ${missing[*]}; run as root to install them" >&2; exit 77; }
  sudo="sudo"
fi
echo "deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
npm_packages
