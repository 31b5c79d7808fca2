#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/packages.txt (and any extra list files given
# as arguments) that are not installed yet. Runs `apt-get update` only when something is missing.
# Idempotent; needs root (or sudo) only when it has something to install.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lists=("$here/packages.txt" "$@")

wanted=()
for list in "${lists[@]}"; do
  [ -f "$list" ] || { echo "deps: package list '$list' not found" >&2; exit 66; }
  while read -r pkg _; do
    [ -n "$pkg" ] && [ "${pkg:0:1}" != "#" ] && wanted+=("$pkg")
  done <"$list"
done

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#wanted[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: missing ${missing[*]}; run as root to install" >&2; exit 77; }
  sudo="sudo"
fi
echo "deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
