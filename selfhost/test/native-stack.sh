#!/usr/bin/env bash
# Runs the image's processes natively from an assembled application folder (the same files as /app in
# the image, started through the same entrypoint.sh): db → migrate → web + worker, with the `pi`
# profile's settings. Stops them all on SIGTERM/SIGINT. Used by offline-native.sh inside a
# loopback-only network namespace.
# usage: native-stack.sh <app dir> <data dir>   env: WEB_PORT, PGPORT, POSTGRES_PASSWORD, APP_URL; the `pi`
# profile's tuning variables with its defaults (WEB_HEAP_MB, WORKER_HEAP_MB, PG_SHARED_BUFFERS, PG_MAX_CONNECTIONS)
set -euo pipefail
APP="$1"; DATA="$2"
export NODE_ENV=production OFFLINE_MODE=true NEXT_TELEMETRY_DISABLED=1 LOG_LEVEL=info \
  PGDATA="$DATA/postgres" STORAGE_DIR="$DATA/media" UPLOAD_TMP_DIR="$DATA/uploads" KEYS_DIR="$DATA/keys" \
  PACKS_DIR="$DATA/packs" HOSTNAME=127.0.0.1 PORT="$WEB_PORT" POSTGRES_DB=smolitux \
  PG_SHARED_BUFFERS="${PG_SHARED_BUFFERS:-24MB}" PG_MAX_CONNECTIONS="${PG_MAX_CONNECTIONS:-30}" \
  DATABASE_URL="postgres://postgres:$POSTGRES_PASSWORD@127.0.0.1:$PGPORT/smolitux" \
  HEALTHCHECK_URL="http://127.0.0.1:$WEB_PORT/api/health" MIGRATIONS_DIR="$APP/migrations" APP_DIR="$APP"
mkdir -p "$PGDATA" "$STORAGE_DIR" "$UPLOAD_TMP_DIR" "$KEYS_DIR" "$PACKS_DIR"
chmod 0700 "$PGDATA" "$KEYS_DIR"
echo $$ > "$DATA/stack.pid"
pids=()
stop() {
  trap - TERM INT
  # web and worker first; PostgreSQL (pids[0], the db role execs it) last with SIGINT: fast shutdown, like compose
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "-$([ "$i" = 0 ] && echo INT || echo TERM)" "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true
  done
  exit 0
}
trap stop TERM INT
# a failing step (e.g. migrate) must not leave PostgreSQL running: the caller waits for every process
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done' EXIT
NODE_OPTIONS=--max-old-space-size=48 "$APP/entrypoint.sh" db & pids+=($!)
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null && break
  sleep 0.5
done
# the db role opens the port only once the database exists; retry anyway, like compose's `restart: on-failure`
for attempt in 1 2 3 4 5 6; do
  NODE_OPTIONS=--max-old-space-size=160 "$APP/entrypoint.sh" migrate && break
  [ "$attempt" = 6 ] && exit 1
  sleep 2
done
DB_POOL_MAX=2 NODE_OPTIONS="--max-old-space-size=${WORKER_HEAP_MB:-128} --max-semi-space-size=${NODE_SEMI_SPACE_MB:-1}" \
  "$APP/entrypoint.sh" worker & pids+=($!)
DB_POOL_MAX=4 NODE_OPTIONS="--max-old-space-size=${WEB_HEAP_MB:-192} --max-semi-space-size=${NODE_SEMI_SPACE_MB:-1}" \
  "$APP/entrypoint.sh" web & pids+=($!)
while true; do wait -n "${pids[@]}" || true; sleep 1; done
