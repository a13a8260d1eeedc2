#!/usr/bin/env bash
# Builds the linux/arm64 image under qemu emulation on an x64 host and smoke-tests it: node reports
# arm64, @node-rs/argon2 hashes, sharp converts an image, the `db` role starts PostgreSQL, `migrate`
# applies the migrations, pg_dump dumps it and pg_restore reads the dump, `web` answers GET /api/health with 200. Prints each step's time.
# Needs root, Debian docker.io, debootstrap, qemu-user-static, binfmt-support (`update-binfmts --enable qemu-aarch64`).
# usage: selfhost/scripts/arm64-smoke.sh [--no-next-build] [--save FILE.tar.gz]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO"
export PATH="$REPO/.tools/node/bin:$REPO/.tools/pnpm/bin:/usr/sbin:/sbin:$PATH"
EXTRA=()
while [ $# -gt 0 ]; do case "$1" in --no-next-build) EXTRA+=(--no-next-build); shift ;; --save) EXTRA+=(--save "$2"); shift 2 ;; *) echo "unknown option $1" >&2; exit 2 ;; esac; done
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64
mkdir -p "$SELFHOST_WORK" "$SELFHOST_CACHE"
export TIMINGS="$SELFHOST_WORK/timings-arm64.txt"; : > "$TIMINGS"
RUN="$(mktemp -d "$SELFHOST_WORK/arm64.XXXXXX")"
IMAGE=smolitux-academy:arm64-smoke
WEB_PORT="${SELFHOST_WEB_PORT:-4671}"; PG_PORT="${SELFHOST_PG_PORT:-4672}"
PW="$(node -e 'console.log(require("crypto").randomBytes(18).toString("hex"))')"
T0=$(date +%s)
cleanup() {
  local rc=$?
  docker rm -f "a64db$$" "a64web$$" >/dev/null 2>&1 || true
  stop_dockerd; rm -rf "$RUN"
  log "arm64 smoke total $(( $(date +%s) - T0 )) s, exit $rc"; cat "$TIMINGS" >&2
  exit $rc
}
trap cleanup EXIT INT TERM
timed "arm64 base rootfs (debootstrap under qemu, cached)" selfhost/scripts/base-image.sh arm64 >/dev/null
start_dockerd "$RUN/docker"
BASE="$(import_base arm64)"
[ "$(docker image inspect -f '{{.Architecture}}' "$BASE")" = arm64 ] || { log "base not labelled arm64"; exit 1; }
timed "arm64 image build (under qemu)" selfhost/scripts/build-image.sh arm64 --base "$BASE" --tag "$IMAGE" "${EXTRA[@]}"
[ "$(docker image inspect -f '{{.Architecture}}' "$IMAGE")" = arm64 ] || { log "image not labelled arm64"; exit 1; }

native_checks() {
  docker run --rm --network none --entrypoint node "$IMAGE" -e '
    if (process.arch !== "arm64") throw new Error("arch " + process.arch);
    const argon2 = require("/app/node_modules/@node-rs/argon2");
    const h = argon2.hashSync("pw"); if (!argon2.verifySync(h, "pw")) throw new Error("argon2");
    const sharp = require("/app/node_modules/sharp");
    sharp({ create: { width: 8, height: 8, channels: 3, background: "#123456" } }).png().toBuffer()
      .then((b) => sharp(b).metadata()).then((m) => { if (m.width !== 8) throw new Error("sharp"); console.log("arm64: node", process.version, "argon2 ok, sharp ok (libvips " + sharp.versions.vips + ")"); });'
}
timed "arm64: node, argon2, sharp" native_checks

docker run -d --name "a64db$$" --network host -e POSTGRES_PASSWORD="$PW" -e PGPORT="$PG_PORT" "$IMAGE" db >/dev/null
db_ready() { for _ in $(seq 1 600); do docker exec "a64db$$" /app/entrypoint.sh healthcheck db && return 0; sleep 1; done; docker logs "a64db$$" >&2; return 1; }
timed "arm64: PostgreSQL (db role) initdb + start" db_ready
DB_URL="postgres://postgres:$PW@127.0.0.1:$PG_PORT/smolitux"
timed "arm64: migrate" docker run --rm --network host -e DATABASE_URL="$DB_URL" -e OFFLINE_MODE=true -v "a64keys$$:/data/keys" "$IMAGE" migrate
# PostgreSQL 18's client tools in the image (cross-compiled by pg-client.sh): a custom-format dump of the migrated
# database that pg_restore reads back — what selfhost/backup.sh does on a Pi
pg_tools() {
  docker run --rm --network host -e PGPASSWORD="$PW" --entrypoint sh "$IMAGE" -c '
    set -eu; pg_dump --version; pg_dump -h 127.0.0.1 -p "$1" -U postgres -Fc -f /tmp/db.dump smolitux
    echo "dump: $(wc -c < /tmp/db.dump) bytes, $(pg_restore --list /tmp/db.dump | grep -c "TABLE DATA") tables"' _ "$PG_PORT"
}
timed "arm64: pg_dump + pg_restore --list" pg_tools
docker run -d --name "a64web$$" --network host -e NODE_ENV=production -e OFFLINE_MODE=true -e DATABASE_URL="$DB_URL" \
  -e APP_URL="http://127.0.0.1:$WEB_PORT" -e PORT="$WEB_PORT" -e HOSTNAME=127.0.0.1 -v "a64keys$$:/data/keys" "$IMAGE" web >/dev/null
web_ready() {
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB_PORT/api/health" || true)" = 200 ] && { curl -s "http://127.0.0.1:$WEB_PORT/api/health"; echo; return 0; }
    sleep 1
  done
  docker logs "a64web$$" >&2; return 1
}
timed "arm64: web /api/health 200" web_ready
docker volume rm "a64keys$$" >/dev/null 2>&1 || true
log "arm64 smoke passed"
