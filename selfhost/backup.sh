#!/usr/bin/env bash
# Online backup and restore of a self-host installation: the database (pg_dump), the media files and the
# instance keys (session secret, certificate signing key) in ONE archive. The stack keeps running for a backup.
#
#   selfhost/backup.sh backup  [<folder>]        → <folder>/smolitux-backup-<UTC time>.tar.gz (default ./backups)
#   selfhost/backup.sh verify  <archive.tar.gz>  → checks an archive (every checksum, the dump readable); changes nothing
#   selfhost/backup.sh restore <archive.tar.gz>  → replaces database, media and keys with the archive's
#   options before the command: --env-file <file> (default: .env beside this script)
#
# Archive: SHA256SUMS (sha256 of every other file), MANIFEST (time, image, server and pg_dump versions, database),
# database.dump (pg_dump custom format, one consistent snapshot: the web app and worker keep working meanwhile),
# media/ and keys/ as they are in their volumes (media from a hard-link snapshot, see snapshot()). Media is taken AFTER the dump: a file uploaded meanwhile is an
# unused extra, never a missing one; files that only live for a moment (the storage's health probe, an upload
# still being written) are left out. The archive is checked right after it is written.
# The tools (pg_dump, pg_restore, psql: PostgreSQL 18, selfhost/scripts/pg-client.sh) run in a throwaway
# container of the stack's image on the host network, so the host needs only Docker and docker-compose.
#
# Restore: the WHOLE archive is checked first (a damaged, truncated or altered archive is refused, nothing
# changed); then web and worker stop, pg_restore loads the dump into a new, empty database (the db service
# keeps running; it is started if needed, e.g. on a new machine) which then replaces the old one; media and keys
# are replaced, and the stack starts again (`migrate` brings a backup of an older release up to date). A failed
# pg_restore drops the new database and leaves the old one in place. Roles and passwords are not in the dump:
# the restored database belongs to this installation's `postgres` user (POSTGRES_PASSWORD of this .env).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ENV_FILE="$HERE/.env"
if [ "${1:-}" = --env-file ]; then ENV_FILE="$2"; shift 2; fi
CMD="${1:-}"; ARG="${2:-}"
[ -f "$ENV_FILE" ] || { echo "no $ENV_FILE (copy .env.example to .env first)" >&2; exit 2; }
val() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }
PROJECT="$(val COMPOSE_PROJECT_NAME)"; PROJECT="${PROJECT:-smolitux}"
IMAGE="$(val SMOLITUX_IMAGE)"; IMAGE="${IMAGE:-smolitux-academy:latest}"
PGDATABASE="$(val POSTGRES_DB)"; PGDATABASE="${PGDATABASE:-smolitux}"
PGPORT="$(val PGPORT)"; PGPORT="${PGPORT:-5432}"
PGPASSWORD="$(val POSTGRES_PASSWORD)"
export PGDATABASE PGPORT PGPASSWORD PGHOST=127.0.0.1 PGUSER=postgres
compose() { docker-compose --env-file "$ENV_FILE" --project-directory "$HERE" -f "$HERE/compose.yaml" -p "$PROJECT" "$@"; }
# which services were running (restart exactly those afterwards)
running_profile() { if [ -n "$(compose ps -q proxy 2>/dev/null)" ]; then echo full; else echo pi; fi; }

# The part that runs inside the image (sh -s <step> …): GNU tar, coreutils and PostgreSQL's client tools.
INNER="$(cat <<'SH'
set -eu
fail() { echo "$*" >&2; exit 1; }
# verify <archive>: SHA256SUMS lists every other file of the archive with its sha256 — nothing missing, nothing
# extra, no byte changed (streamed: nothing is extracted); the database dump's table of contents is readable
verify() {
  a="$1"; t="$(mktemp -d)"
  tar -xzOf "$a" --occurrence=1 SHA256SUMS > "$t/sums" 2>/dev/null && [ -s "$t/sums" ] || fail "$a: no SHA256SUMS (not a smolitux backup, or damaged)"
  LC_ALL=C sort -k2 "$t/sums" > "$t/want"
  tar -xzf "$a" -C "$t" --exclude=SHA256SUMS \
    --to-command='h=$(sha256sum | cut -d" " -f1); printf "%s  %s\n" "$h" "$TAR_FILENAME"' > "$t/list" 2> "$t/err" ||
    fail "$a: damaged archive ($(tail -1 "$t/err"))"
  LC_ALL=C sort -k2 "$t/list" > "$t/got"
  if ! cmp -s "$t/want" "$t/got"; then
    LC_ALL=C join -j2 -v1 "$t/want" "$t/got" | head -3 | sed 's/^/  missing: /' >&2
    LC_ALL=C join -j2 -v2 "$t/want" "$t/got" | head -3 | sed 's/^/  not listed: /' >&2
    LC_ALL=C join -j2 "$t/want" "$t/got" | awk '$2 != $3 { print "  checksum differs: " $1 }' | head -3 >&2
    fail "$a: does not match its SHA256SUMS"
  fi
  tar -xzOf "$a" --occurrence=1 database.dump | pg_restore --list > /dev/null || fail "$a: database.dump is not a readable pg_dump archive"
  rm -rf "$t"
}
# snapshot <dir>: <dir>/media mirrors /data/media as it is now, as HARD LINKS (no byte is copied, no disk space
# used): the storage never rewrites a file in place (it writes <key>.<uuid>.partial and renames it), so a linked
# file keeps its content and survives a deletion while it is hashed and archived. Left out: the storage's health
# probe (.health-*) and uploads still being written (*.partial), which live for milliseconds; a file deleted
# during the walk is simply not in the snapshot. <dir> lies in the media volume (hard links cannot cross file
# systems); its "~" keeps it outside every valid storage key, so the app can never serve or touch it.
snapshot() {
  rm -rf "$1"; mkdir -p "$1/media"
  ( cd /data/media && find . -path "./${1##*/}" -prune -o -type f ! -name '.health-*' ! -name '*.partial' -print0 ) \
    > "$1/found" 2> "$1/err" || ! grep -v 'No such file or directory' "$1/err" >&2 || return 1
  ( cd /data/media && xargs -0r cp -al --parents -t "$1/media" < "$1/found" ) 2> "$1/err" ||
    ! grep -v 'No such file or directory' "$1/err" >&2 || return 1
  rm -f "$1/found" "$1/err"
}
step="$1"; shift
case "$step" in
  verify) verify "$1" ;;
  backup)
    name="$1"; w="$(mktemp -d)"
    # one snapshot (REPEATABLE READ), no locks beyond ACCESS SHARE: the application keeps reading and writing
    pg_dump --format=custom --file="$w/database.dump"
    { echo "format=smolitux-backup 2"; echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "image_version=${IMAGE_VERSION:-}"
      echo "postgres_server=$(psql -XAtc 'SHOW server_version')"; echo "pg_dump=$(pg_dump --version)"
      echo "database=$PGDATABASE"; } > "$w/MANIFEST"
    snap="/data/media/.backup~snapshot"
    trap 'rm -rf "$snap"' EXIT
    snapshot "$snap" || fail "could not snapshot the media files (see above)"
    cp -a /data/keys "$w/keys"
    { ( cd "$w" && sha256sum MANIFEST database.dump && find keys -type f -print0 | xargs -0r sha256sum )
      ( cd "$snap" && find media -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum ); } > "$w/SHA256SUMS"
    tar -czf "/backup/.$name.partial" -C "$w" SHA256SUMS MANIFEST database.dump keys -C "$snap" media
    verify "/backup/.$name.partial"
    mv "/backup/.$name.partial" "/backup/$name"
    rm -rf "$w" ;;
  restore)
    a="$1"; new="${PGDATABASE}_restore"; r="$(mktemp -d)"
    tar -xzf "$a" -C "$r"
    mkdir -p "$r/media" "$r/keys"
    export PGOPTIONS="-c client_min_messages=warning"
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"$new\"" -c "CREATE DATABASE \"$new\" TEMPLATE template0"
    if ! pg_restore --exit-on-error --no-owner --dbname="$new" "$r/database.dump"; then
      psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$new\"" || true
      fail "pg_restore failed: the database is unchanged"
    fi
    # the complete new database replaces the old one (FORCE: ends sessions still connected to it)
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"$PGDATABASE\" WITH (FORCE)" \
      -c "ALTER DATABASE \"$new\" RENAME TO \"$PGDATABASE\""
    for d in media keys; do
      find "/data/$d" -mindepth 1 -delete
      cp -a "$r/$d/." "/data/$d/"
    done
    chown -R "$APP_UID:$APP_GID" /data/media /data/keys
    rm -rf "$r" ;;
esac
SH
)"
# in_image <docker run options…> -- <step> <args…>: the INNER script in a throwaway container of the image
in_image() {
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
  printf '%s\n' "$INNER" | docker run --rm -i --entrypoint sh -e PGHOST -e PGPORT -e PGUSER -e PGPASSWORD -e PGDATABASE \
    "${opts[@]}" "$IMAGE" -s -- "$@"
}
db_running() { local id; id="$(compose ps -q db 2>/dev/null)"; [ -n "$id" ] && [ "$(docker inspect -f '{{.State.Running}}' "$id")" = true ]; }
wait_db_healthy() {
  local id i; id="$(compose ps -q db)"
  for i in $(seq 1 90); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$id")" = healthy ] && return 0
    sleep 2
  done
  echo "the db service did not become healthy" >&2; return 1
}
archive_arg() {
  [ -f "$ARG" ] || { echo "usage: backup.sh $CMD <archive.tar.gz>" >&2; exit 2; }
  FILE="$(cd "$(dirname "$ARG")" && pwd)/$(basename "$ARG")"
}

case "$CMD" in
  backup)
    db_running || { echo "the db service is not running: start the stack first (docker-compose --profile pi up -d)" >&2; exit 1; }
    OUT="$(mkdir -p "${ARG:-./backups}" && cd "${ARG:-./backups}" && pwd)"
    NAME="smolitux-backup-$(date -u +%Y%m%dT%H%M%SZ).tar.gz"
    in_image --network host -v "${PROJECT}_media:/data/media" -v "${PROJECT}_keys:/data/keys:ro" -v "$OUT:/backup" \
      -- backup "$NAME" >&2 || { rm -f "$OUT/.$NAME.partial"; echo "backup failed" >&2; exit 1; }
    echo "$OUT/$NAME"
    ;;
  verify)
    archive_arg
    in_image --network none -v "$FILE:/restore.tar.gz:ro" -- verify /restore.tar.gz
    echo "$FILE: complete, every checksum matches" >&2
    ;;
  restore)
    archive_arg
    in_image --network none -v "$FILE:/restore.tar.gz:ro" -- verify /restore.tar.gz ||
      { echo "restore refused: nothing changed" >&2; exit 1; }
    PROFILE="$(running_profile)"
    compose --profile "$PROFILE" stop web worker >&2
    # on a new machine `up` creates every volume of the project and starts PostgreSQL; a running db stays as it is
    # (not `up --no-start`: docker-compose 1.29 then waits forever for `migrate` to complete)
    db_running || compose --profile "$PROFILE" up -d db >&2
    wait_db_healthy
    in_image --network host -v "${PROJECT}_media:/data/media" -v "${PROJECT}_keys:/data/keys" \
      -v "$FILE:/restore.tar.gz:ro" -- restore /restore.tar.gz >&2 ||
      { compose --profile "$PROFILE" up -d >&2; echo "restore failed (see above)" >&2; exit 1; }
    compose --profile "$PROFILE" up -d >&2
    echo "restored $FILE" >&2
    ;;
  *) echo "usage: backup.sh [--env-file F] backup [<folder>] | verify <archive.tar.gz> | restore <archive.tar.gz>" >&2; exit 2 ;;
esac
