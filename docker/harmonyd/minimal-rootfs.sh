#!/usr/bin/env bash
# minimal-rootfs.sh BINARY ROOT — fills ROOT with what the harmonyd image holds and nothing else:
# the binary, the shared libraries it loads (ldd's closure, including the dynamic loader), the CA
# bundle lib/http's client reads, the time zone database, and the few files a process expects in
# /etc.
# Run in the Dockerfile's rootfs stage, where the runtime packages, ca-certificates and tzdata
# are installed; the runtime stage is `FROM scratch` + ROOT.
set -euo pipefail
binary=${1:?usage: minimal-rootfs.sh BINARY ROOT}
root=${2:?usage: minimal-rootfs.sh BINARY ROOT}

# Debian 12 is merged-/usr: /lib, /lib64 and /bin point into /usr, as in the slim image.
mkdir -p "$root"/usr/{bin,lib,lib64} "$root"/etc/ssl/certs "$root"/usr/share "$root/tmp"
chmod 1777 "$root/tmp"
for dir in bin lib lib64; do ln -s "usr/$dir" "$root/$dir"; done
install -m 0755 "$binary" "$root/usr/bin/harmonyd"

# ldd prints "libx.so.1 => /lib/.../libx.so.1 (0x...)" and the loader as "/lib64/ld-....so.2 (0x...)".
count=0
while read -r lib; do
  # /lib/x/libc.so.6 and /usr/lib/x/libc.so.6 are the same file: store under /usr.
  target="$root/usr${lib#/usr}"
  mkdir -p "$(dirname "$target")"
  cp -L "$lib" "$target"
  count=$((count + 1))
done < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
[ "$count" -gt 1 ] || { echo "minimal-rootfs: ldd found no libraries in $binary" >&2; exit 1; }

# The CA bundle lib/http's client reads (libcurl's default path in Debian); TZ= names resolve
# under /usr/share/zoneinfo.
cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
cp -a /usr/share/zoneinfo "$root/usr/share/"
ln -s /usr/share/zoneinfo/Etc/UTC "$root/etc/localtime"
# Names for uid/gid 0 and the nobody account (tools such as `docker exec --user` look them up);
# harmonyd itself switches to PUID/PGID by number.
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
echo "minimal-rootfs: $count libraries, $(du -sh "$root" | cut -f1) in $root"
