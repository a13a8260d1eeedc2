#!/bin/sh
# Entrypoint of the self-host image. Usage: <role> [args]
#   web          Next.js standalone server on HOSTNAME:PORT
#   worker       background loops (dist/worker.mjs)
#   migrate      creates the instance keys on first start, applies pending migrations, exits
#                (`migrate status` only reports them)
#   db           PostgreSQL (embedded-postgres binaries) in the foreground (SIGINT: fast shutdown)
#   pack export <course-slug> [<out.tar>] | pack import <file.tar> [--trust] [--as <user>]
#                the course-pack CLI (e.g. `docker-compose --profile pi run --rm web pack import /packs/x.tar`)
#   healthcheck [role]   probe used by HEALTHCHECK / compose (role defaults to the running one): web GET
#                /api/health, worker its heartbeat file (< 60 s old), db PostgreSQL accepts a connection (as
#                pg_isready: startup message answered with an authentication request)
# Started as root (the default), it makes the data folders owned by the app user — a bind-mounted
# folder created by root on the host would otherwise fail with EACCES — and re-executes itself as that
# user with setpriv (no capabilities left). Started with `--user <uid>:<gid>` it changes no ownership.
set -eu
# /app in the image; the folder of this script when the same files run natively (offline test)
APP_DIR="${APP_DIR:-$(cd "$(dirname "$0")" && pwd)}"
ROLE="${1:-web}"
[ $# -gt 0 ] && shift
KEYS_DIR="${KEYS_DIR:-/data/keys}"
DATA_DIRS="${PGDATA:-/data/postgres} ${STORAGE_DIR:-/data/media} $KEYS_DIR ${UPLOAD_TMP_DIR:-/data/uploads}"

if [ "$ROLE" = healthcheck ]; then
  ROLE="${1:-$(cat /tmp/.smolitux-role 2>/dev/null || echo web)}"
  case "$ROLE" in
    worker)
      # the worker serves no HTTP: it touches its heartbeat file every 10 s while its event loop runs
      exec node -e '
        const s = require("node:fs").statSync(process.env.WORKER_HEARTBEAT_FILE || "/tmp/smolitux-worker-heartbeat");
        process.exit(Date.now() - s.mtimeMs < 60000 ? 0 : 1);' ;;
    web)
      exec node -e '
        const url = process.env.HEALTHCHECK_URL || `http://127.0.0.1:${process.env.PORT || 3000}/api/health`;
        fetch(url, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));' ;;
    db)
      # what pg_isready does: a protocol-3.0 startup message; PostgreSQL answers an authentication request
      # ("R") when it accepts connections, an error ("E", e.g. 57P03 "starting up"/"shutting down") when not
      exec node -e '
        const user = "postgres", database = process.env.POSTGRES_DB || "smolitux";
        const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), Buffer.from(`user\0${user}\0database\0${database}\0\0`)]);
        const len = Buffer.alloc(4); len.writeUInt32BE(body.length + 4);
        const s = require("node:net").connect(+(process.env.PGPORT || 5432), "127.0.0.1");
        s.setTimeout(4000, () => process.exit(1));
        s.on("connect", () => s.write(Buffer.concat([len, body])));
        s.once("data", (d) => { s.destroy(); process.exit(d[0] === 0x52 ? 0 : 1) });
        s.on("error", () => process.exit(1));' ;;
    *) exit 0 ;;
  esac
fi

case "$ROLE" in
  web|worker|migrate|db|pack) ;;
  node|sh|bash) ;; # a one-off command (backup, inspection) — also as the app user
  *) echo "unknown role '$ROLE' (web | worker | migrate | db | pack | healthcheck)" >&2; exit 2 ;;
esac

if [ "$(id -u)" = 0 ]; then
  uid="${APP_UID:-10001}"; gid="${APP_GID:-10001}"
  for dir in $DATA_DIRS; do
    mkdir -p "$dir"
    # walk the tree only when the top folder is not ours yet (fast restarts with a large media folder)
    if [ "$(stat -c %u:%g "$dir")" != "$uid:$gid" ]; then chown -R "$uid:$gid" "$dir"; fi
  done
  chmod 0700 "${PGDATA:-/data/postgres}" "$KEYS_DIR" # PostgreSQL refuses a group/world-readable data folder
  exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all --bounding-set=-all -- "$0" "$ROLE" "$@"
fi
case "$ROLE" in web|worker|migrate|db) echo "$ROLE" > /tmp/.smolitux-role 2>/dev/null || true ;; esac
export MIGRATIONS_DIR="${MIGRATIONS_DIR:-$APP_DIR/migrations}"

# Instance secrets live in the keys volume (backed up with it), made once by the `migrate` role:
# nextauth-secret (session cookie key) and credential-issuer-key (Ed25519 key that signs certificates).
# A variable set explicitly wins over its file.
ensure_keys() {
  ( umask 077
    mkdir -p "$KEYS_DIR"
    [ -n "${NEXTAUTH_SECRET:-}" ] || [ -s "$KEYS_DIR/nextauth-secret" ] ||
      node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' > "$KEYS_DIR/nextauth-secret"
    if [ -z "${CREDENTIAL_ISSUER_KEY:-}" ] && [ ! -s "$KEYS_DIR/credential-issuer-key" ]; then
      node "$APP_DIR/dist/keygen.mjs" | sed -n 's/^CREDENTIAL_ISSUER_KEY=//p' > "$KEYS_DIR/credential-issuer-key.tmp"
      [ -s "$KEYS_DIR/credential-issuer-key.tmp" ] && mv "$KEYS_DIR/credential-issuer-key.tmp" "$KEYS_DIR/credential-issuer-key"
    fi )
}
load_keys() {
  if [ -z "${NEXTAUTH_SECRET:-}" ] && [ -r "$KEYS_DIR/nextauth-secret" ]; then
    NEXTAUTH_SECRET="$(cat "$KEYS_DIR/nextauth-secret")"; export NEXTAUTH_SECRET
  fi
  if [ -z "${CREDENTIAL_ISSUER_KEY:-}" ] && [ -r "$KEYS_DIR/credential-issuer-key" ]; then
    CREDENTIAL_ISSUER_KEY="$(cat "$KEYS_DIR/credential-issuer-key")"; export CREDENTIAL_ISSUER_KEY
  fi
}

case "$ROLE" in
  web)
    load_keys
    # .next/cache in the read-only application folder is a symlink to this folder (assemble.mjs)
    mkdir -p -m 0700 /tmp/smolitux-next-cache 2>/dev/null || true
    exec node "$APP_DIR/standalone/web/server.js" "$@" ;;
  worker)
    load_keys
    export WORKER_HEARTBEAT_FILE="${WORKER_HEARTBEAT_FILE:-/tmp/smolitux-worker-heartbeat}"
    exec node "$APP_DIR/dist/worker.mjs" "$@" ;;
  migrate)
    # keys given as variables (Kubernetes secrets) need no keys folder; otherwise create the missing ones
    if { [ $# -eq 0 ] || [ "$1" = deploy ]; } && { [ -z "${NEXTAUTH_SECRET:-}" ] || [ -z "${CREDENTIAL_ISSUER_KEY:-}" ]; }; then
      ensure_keys
    fi
    [ $# -eq 0 ] && set -- deploy
    exec node "$APP_DIR/dist/migrate.mjs" "$@" ;;
  db)
    # Node prepares (initdb on first start, the database, a stale pid file) and writes PostgreSQL's command
    # line; then PostgreSQL replaces this shell: no Node process stays resident beside the database.
    argv="$(mktemp "${TMPDIR:-/tmp}/smolitux-db-argv.XXXXXX")"
    node "$APP_DIR/dist/db.mjs" prepare "$argv"
    set --
    while IFS= read -r arg; do set -- "$@" "$arg"; done < "$argv"
    rm -f "$argv"
    [ $# -gt 0 ] || { echo "db: preparation wrote no command line" >&2; exit 1; }
    exec "$@" ;;
  pack) load_keys; exec node "$APP_DIR/dist/pack.mjs" "$@" ;;
  node|sh|bash) exec "$ROLE" "$@" ;;
esac
