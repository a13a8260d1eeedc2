#!/usr/bin/env bash
# The self-host proof (`./run test --only selfhost`, or run this file directly as root):
#  1. compose.yaml: `docker-compose config -q` (profiles pi and full) and the Compose Specification JSON
#     schema via ajv (+ a broken copy must be rejected)
#  2. offline base image (debootstrap + Node from npm, cached in .data/selfhost by its inputs); PostgreSQL 18's
#     client tools built from source for amd64 and arm64 (selfhost/scripts/pg-client.sh, cached the same way)
#  3. a private Docker daemon (overlay2 when the kernel allows it, else vfs; no bridge, host network; stopped by the trap), the amd64 image built
#     from selfhost/Dockerfile on that base
#  4. the `pi` profile up with compose; the school smoke through the real UI in Chromium (web/e2e-selfhost:
#     setup → teacher → tampered pack refused with the database unchanged → pack from the USB folder → class,
#     two pupils, assignment → pupil watches, passes the quiz → certificate verifies on /verify); the app user
#     owns the volumes (every file in them) and runs every process; a root-owned bind mount is fixed by the
#     entrypoint
#  5. restart the stack: admin, teacher, pupil, class progress, course media and certificate are still there
#  6. online backup (pg_dump; the stack answers throughout) → change → damaged archives refused → restore
#     (pg_restore into a new database) brings the backed-up state back (selfhost/backup.sh)
#  7. the same processes natively in a loopback-only network namespace under strace: the smoke passes and
#     no connect()/sendto() goes anywhere but loopback (selfhost/test/offline-native.sh)
# Options: --no-next-build (reuse web/.next/standalone, e.g. after the test runner's build step),
#          --keep (leave the stack and daemon running for inspection; stop them yourself),
#          --bench or SELFHOST_BENCH=1 (also run bench:selfhost against the running pi stack: PSS idle / 30
#          learners, p95; printed and kept in $SELFHOST_WORK/bench-selfhost.txt).
# Env: SELFHOST_WEB_PORT / SELFHOST_PG_PORT (default: free ports), SELFHOST_CACHE (shared caches, default
#      ~/.cache/smolitux-selfhost), SELFHOST_WORK (this clone's context and runs, default .data/selfhost).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$REPO"
export PATH="$REPO/.tools/node/bin:$REPO/.tools/pnpm/bin:/usr/sbin:/sbin:$PATH" NEXT_TELEMETRY_DISABLED=1
NEXT_FLAG=""; KEEP=0; BENCH="${SELFHOST_BENCH:-0}"
for a in "$@"; do case "$a" in --no-next-build) NEXT_FLAG=--no-next-build ;; --keep) KEEP=1 ;; --bench) BENCH=1 ;; *) echo "unknown option $a" >&2; exit 2 ;; esac; done
[ "$(id -u)" = 0 ] || { log "needs root (dockerd, network namespace)"; exit 1; }
for tool in dockerd docker-compose debootstrap strace unshare gcc make bison flex file aarch64-linux-gnu-gcc qemu-aarch64-static; do
  command -v "$tool" >/dev/null || { log "$tool missing: apt-get install -y docker.io docker-compose debootstrap strace gcc make bison flex file gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static"; exit 1; }
done
mkdir -p "$SELFHOST_CACHE" "$SELFHOST_WORK"
export TIMINGS="$SELFHOST_WORK/timings.txt"
: > "$TIMINGS"
RUN_DIR="$(mktemp -d "$SELFHOST_WORK/run.XXXXXX")"
IMAGE="smolitux-academy:selfhost-test"
PROJECT="smolitux$$"
T0=$(date +%s)

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
WEB_PORT="${SELFHOST_WEB_PORT:-$(free_port)}"
PG_PORT="${SELFHOST_PG_PORT:-$(free_port)}"
while [ "$PG_PORT" = "$WEB_PORT" ]; do PG_PORT="$(free_port)"; done
URL="http://127.0.0.1:$WEB_PORT"

PG_PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(18).toString("hex"))')"
cat > "$RUN_DIR/.env" <<ENV
COMPOSE_PROJECT_NAME=$PROJECT
SMOLITUX_IMAGE=$IMAGE
APP_URL=$URL
POSTGRES_PASSWORD=$PG_PASSWORD
WEB_PORT=$WEB_PORT
WEB_LISTEN=127.0.0.1
PGPORT=$PG_PORT
PACKS_HOST_DIR=$RUN_DIR/packs
ENV
mkdir -p "$RUN_DIR/packs"
compose() { docker-compose --env-file "$RUN_DIR/.env" --project-directory "$REPO/selfhost" -f "$REPO/selfhost/compose.yaml" -p "$PROJECT" "$@"; }

cleanup() {
  local rc="${1:-$?}"
  trap - EXIT INT TERM
  if [ "$KEEP" = 1 ]; then log "--keep: stack $PROJECT and dockerd $DOCKERD_PID left running ($DOCKER_HOST)"; exit $rc; fi
  if [ -n "${DOCKERD_PID:-}" ]; then
    [ $rc -ne 0 ] && compose logs --tail=60 >&2 2>/dev/null || true
    compose --profile pi down -v --remove-orphans >/dev/null 2>&1 || true
    docker rmi -f "$IMAGE" >/dev/null 2>&1 || true
    stop_dockerd
  fi
  rm -rf "$RUN_DIR"
  log "total $(( $(date +%s) - T0 )) s"; cat "$TIMINGS" >&2
  exit $rc
}
trap cleanup EXIT
trap 'cleanup 130' INT TERM

# ── 1. compose file ───────────────────────────────────────────────────────────────────────────────
timed "compose config -q (pi, full)" bash -c '
  set -e; for p in pi full; do docker-compose --env-file "$1/.env" -f "$2/selfhost/compose.yaml" --profile "$p" config -q; done' _ "$RUN_DIR" "$REPO"
timed "compose schema (ajv)" node selfhost/scripts/validate-compose.mjs
sed 's/network_mode: host/network_mode: bridge/' selfhost/compose.yaml > "$RUN_DIR/broken-compose.yaml"
if node selfhost/scripts/validate-compose.mjs "$RUN_DIR/broken-compose.yaml" >/dev/null 2>&1; then log "validator accepted a bridge network"; exit 1; fi
printf 'services:\n  web:\n    image: x\n    restart: sometimes\n' > "$RUN_DIR/broken-schema.yaml"
if node selfhost/scripts/validate-compose.mjs "$RUN_DIR/broken-schema.yaml" >/dev/null 2>&1; then log "validator accepted restart: sometimes"; exit 1; fi

# ── 2.–3. base, daemon, image ─────────────────────────────────────────────────────────────────────
timed "base rootfs (debootstrap, cached)" selfhost/scripts/base-image.sh amd64 >/dev/null
# PostgreSQL 18 client tools for the arm64 image (cross-compiled, cached; the amd64 ones are timed by build-image.sh):
# an aarch64 ELF that runs under qemu-user
arm64_pg_client() {
  local dir; dir="$(selfhost/scripts/pg-client.sh arm64)" || return 1
  file -b "$dir/bin/pg_dump" | grep -q 'ARM aarch64' || { log "$dir/bin/pg_dump: $(file -b "$dir/bin/pg_dump")"; return 1; }
  qemu-aarch64-static -L /usr/aarch64-linux-gnu "$dir/bin/pg_dump" --version | grep '^pg_dump (PostgreSQL) 18\.' >&2
}
timed "pg client tools 18 (arm64 cross, cached)" arm64_pg_client
timed "dockerd start" start_dockerd "$RUN_DIR/docker"
printf '%-40s %10s\n' "dockerd storage driver" "$DOCKERD_STORAGE" >> "$TIMINGS"
BASE="$(import_base amd64)"
timed "image build (amd64, total)" selfhost/scripts/build-image.sh amd64 --base "$BASE" --tag "$IMAGE" $NEXT_FLAG

# ── 4. pi profile up, smoke ──────────────────────────────────────────────────────────────────────
wait_healthy() {
  local i
  for i in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/health" || true)" = 200 ] && return 0
    sleep 1
  done
  log "web not healthy after 180 s: $(curl -s "$URL/api/health" || true)"; return 1
}
up_healthy() { compose --profile pi up -d >&2 && wait_healthy; }
restart_healthy() { compose --profile pi stop >&2 && up_healthy; }
timed "compose up (pi) to healthy" up_healthy

smoke() {
  SELFHOST_URL="$URL" SELFHOST_PHASE="$1" SELFHOST_EMAIL="admin-$PROJECT@school.example" SELFHOST_PASSWORD="$PROJECT-correct-horse" \
    SELFHOST_PACKS_DIR="$RUN_DIR/packs" SELFHOST_STATE="$RUN_DIR/school-state.json" \
    SELFHOST_DATABASE_URL="postgres://postgres:$PG_PASSWORD@127.0.0.1:$PG_PORT/smolitux" \
    pnpm --filter @smolitux/web exec playwright test -c e2e-selfhost/playwright.config.ts
}
timed "smoke in Chromium (fresh)" smoke first

containers_healthy() {
  local ids deadline=$(( $(date +%s) + 180 ))
  ids="$(for svc in db web worker; do compose ps -q "$svc"; done)"
  while [ "$(date +%s)" -lt "$deadline" ]; do
    # shellcheck disable=SC2086
    [ "$(docker inspect -f '{{.State.Health.Status}}' $ids | sort -u)" = healthy ] && return 0
    sleep 2
  done
  # shellcheck disable=SC2086
  docker inspect -f '{{.Name}} {{.State.Status}} {{.State.Health.Status}}' $ids >&2
  compose logs --tail=30 worker >&2; return 1
}
timed "db, web, worker report healthy (docker healthchecks)" containers_healthy
# the worker's database heartbeat, as GET /api/health reports it
worker_state="$(curl -s "$URL/api/health" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).worker?.state))')"
[ "$worker_state" = ok ] || { log "/api/health reports the worker as '$worker_state', expected ok"; exit 1; }

log "volumes and processes belong to the app user (uid 10001)"
for svc_dir in "db /data/postgres" "web /data/media" "web /data/keys" "web /data/uploads"; do
  set -- $svc_dir
  owner="$(compose exec -T "$1" stat -c %u:%g "$2")"
  [ "$owner" = "10001:10001" ] || { log "$2 in $1 is owned by $owner"; exit 1; }
  # every file in the volume too (the imported pack's media, PostgreSQL's files, the keys)
  foreign="$(compose exec -T "$1" find "$2" \( ! -uid 10001 -o ! -gid 10001 \) -print -quit)"
  [ -z "$foreign" ] || { log "$foreign in $1 is not owned by 10001:10001"; exit 1; }
done
[ -n "$(compose exec -T web find /data/media -type f -size +100k -print -quit)" ] || { log "no imported media in the media volume"; exit 1; }
for svc in db web worker; do
  cid="$(compose ps -q "$svc")"
  pid="$(docker inspect -f '{{.State.Pid}}' "$cid")"
  [ "$pid" != 0 ] || { log "$svc is not running"; compose logs --tail=30 "$svc" >&2; exit 1; }
  # every process of the container except docker-init (pid 1 inside) runs as 10001
  for p in $(pgrep -P "$pid") ; do
    uid="$(awk '/^Uid:/ { print $2 }' "/proc/$p/status")"
    [ "$uid" = 10001 ] || { log "$svc process $p runs as uid $uid"; exit 1; }
  done
done
# nothing in the application folder is written at run time (Next's .next/cache points to /tmp): no EACCES logged
if compose logs --no-color web worker db 2>&1 | grep -E 'EACCES|EROFS|permission denied' >&2; then
  log "a process could not write somewhere (see above)"; exit 1
fi
mkdir -p "$RUN_DIR/rootowned" && chmod 0755 "$RUN_DIR/rootowned"
made="$(docker run --rm --network host -v "$RUN_DIR/rootowned:/data/media" "$IMAGE" sh -c 'touch /data/media/written && id -u')"
[ "$made" = 10001 ] && [ "$(stat -c %u "$RUN_DIR/rootowned/written")" = 10001 ] || { log "root-owned bind mount not fixed ($made)"; exit 1; }

# ── 5. restart ───────────────────────────────────────────────────────────────────────────────────
timed "restart (stop + up) to healthy" restart_healthy
timed "smoke in Chromium (restarted)" smoke restarted

if [ "$BENCH" = 1 ]; then
  timed "bench:selfhost" pnpm --filter @smolitux/web bench:selfhost -- --url "$URL" | tee "$SELFHOST_WORK/bench-selfhost.txt"
fi

# ── 6. backup and restore ────────────────────────────────────────────────────────────────────────
timed "backup/restore round trip" selfhost/test/backup-restore.sh "$RUN_DIR" "$PROJECT" "$URL"

# ── 7. offline, natively, in a loopback-only namespace ──────────────────────────────────────────
compose --profile pi down -v >/dev/null 2>&1 || true
timed "offline namespace + strace (native)" selfhost/test/offline-native.sh "$SELFHOST_WORK/context/app-amd64"
log "selfhost: all checks passed"
