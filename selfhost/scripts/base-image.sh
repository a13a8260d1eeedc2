#!/usr/bin/env bash
# Builds an offline base image root filesystem (Debian bookworm minbase + Node from the npm package
# node-linux-<arch>) as a tarball, for machines that cannot pull node:24-bookworm-slim.
# Cached by its inputs: the tarball path contains a hash of this script, the suite, arch and Node version.
#
# usage: selfhost/scripts/base-image.sh [amd64|arm64]   → prints the tarball path on stdout
# env:   SELFHOST_CACHE (default ~/.cache/smolitux-selfhost, shared by all clones), DEBIAN_MIRROR (default http://deb.debian.org/debian),
#        NODE_VERSION (default 24.21.0)
set -euo pipefail
ARCH="${1:-amd64}"
case "$ARCH" in amd64) NODE_ARCH=x64 ;; arm64) NODE_ARCH=arm64 ;; *) echo "arch must be amd64 or arm64" >&2; exit 2 ;; esac
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${SELFHOST_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/smolitux-selfhost}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_VERSION="${NODE_VERSION:-24.21.0}"
SUITE=bookworm
KEY="$( (cat "$0"; echo "$SUITE $ARCH $NODE_VERSION $MIRROR") | sha256sum | cut -c1-16)"
OUT="$CACHE/base-$SUITE-$ARCH-node$NODE_VERSION-$KEY.tar"
if [ -s "$OUT" ]; then echo "$OUT"; exit 0; fi
command -v debootstrap >/dev/null || { echo "debootstrap missing: apt-get install -y debootstrap" >&2; exit 1; }
mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/rootfs.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
START=$(date +%s)
# minbase: essential + apt only (~200 MB); util-linux gives setpriv (the entrypoint drops root with it)
debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$WORK/rootfs" "$MIRROR" >&2
# Node from the npm registry package (same bytes as nodejs.org's linux tarball binary)
( cd "$WORK" && npm pack --silent "node-linux-$NODE_ARCH@$NODE_VERSION" >/dev/null && tar -xzf node-linux-*.tgz )
install -m 0755 "$WORK/package/bin/node" "$WORK/rootfs/usr/local/bin/node"
# a small image: no apt lists, caches, docs or man pages
rm -rf "$WORK/rootfs/var/lib/apt/lists/"* "$WORK/rootfs/var/cache/apt/"*.bin "$WORK/rootfs/usr/share/doc/"* \
  "$WORK/rootfs/usr/share/man/"* "$WORK/rootfs/usr/share/locale/"*
tar -C "$WORK/rootfs" --numeric-owner -cf "$WORK/base.tar" .
mv "$WORK/base.tar" "$OUT" # atomic: a concurrent run sees the whole file or none
echo "base rootfs $ARCH built in $(( $(date +%s) - START )) s: $(du -h "$OUT" | cut -f1)" >&2
echo "$OUT"
