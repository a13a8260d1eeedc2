#!/usr/bin/env bash
# Backup/restore round trip against a running `pi` stack (called by selfhost/test/run.sh):
# account A and media file A exist → backup → account B, media file B, the signing key deleted →
# restore → A and the key are back (same bytes), B is gone, the stack is healthy again. Accounts are made through
# the sign-up API and looked up in the database (sql.mjs): sign-up answers 201 whether or not the e-mail exists
# (no account enumeration), so its status says nothing about the database.
# usage: backup-restore.sh <run dir with .env> <compose project> <base url>
set -euo pipefail
RUN_DIR="$1"; PROJECT="$2"; URL="$3"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
compose() { docker-compose --env-file "$RUN_DIR/.env" --project-directory "$HERE" -f "$HERE/compose.yaml" -p "$PROJECT" "$@"; }
fail() { echo "backup-restore: $*" >&2; exit 1; }
signup() {
  curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"correct horse battery\",\"name\":\"Backup Test\"}" "$URL/api/auth/signup"
}
# accounts <e-mail>: how many users have this e-mail (0 or 1)
accounts() { node "$HERE/test/sql.mjs" "$RUN_DIR/.env" 'SELECT count(*) FROM "User" WHERE email = $1' "$1"; }
wait_healthy() {
  for _ in $(seq 1 180); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/health" || true)" = 200 ] && return 0; sleep 1; done
  fail "stack not healthy: $(curl -s "$URL/api/health" || true)"
}
A="before-$PROJECT@school.example"; B="after-$PROJECT@school.example"
[ "$(signup "$A")" = 201 ] || fail "sign-up A refused"
[ "$(accounts "$A")" = 1 ] || fail "account A not in the database after sign-up"
compose exec -T web sh -c 'echo A > /data/media/backup-test-a'
KEY_BEFORE="$(compose exec -T web sha256sum /data/keys/credential-issuer-key | cut -d' ' -f1)"

ARCHIVE="$("$HERE/backup.sh" --env-file "$RUN_DIR/.env" backup "$RUN_DIR/backups")"
[ -s "$ARCHIVE" ] || fail "no archive written"
echo "backup: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))" >&2
wait_healthy

[ "$(signup "$B")" = 201 ] || fail "sign-up B refused"
[ "$(accounts "$B")" = 1 ] || fail "account B not in the database after sign-up"
compose exec -T web sh -c 'echo B > /data/media/backup-test-b; rm /data/keys/credential-issuer-key'

# a damaged archive is refused before anything changes
head -c 20000 "$ARCHIVE" > "$RUN_DIR/damaged.tar.gz"
if "$HERE/backup.sh" --env-file "$RUN_DIR/.env" restore "$RUN_DIR/damaged.tar.gz" 2>/dev/null; then fail "damaged archive restored"; fi
wait_healthy
[ "$(accounts "$B")" = 1 ] || fail "the refused restore changed the database (account B gone)"
[ -n "$(compose exec -T web sh -c 'cat /data/media/backup-test-b 2>/dev/null')" ] || fail "the refused restore changed the media"

"$HERE/backup.sh" --env-file "$RUN_DIR/.env" restore "$ARCHIVE"
wait_healthy
[ "$(accounts "$A")" = 1 ] || fail "account A missing after restore"
[ "$(accounts "$B")" = 0 ] || fail "account B (made after the backup) survived the restore"
compose exec -T web cat /data/media/backup-test-a | grep -qx A || fail "media file A missing after restore"
if compose exec -T web test -e /data/media/backup-test-b; then fail "media file B survived the restore"; fi
KEY_AFTER="$(compose exec -T web sha256sum /data/keys/credential-issuer-key | cut -d' ' -f1)"
[ "$KEY_AFTER" = "$KEY_BEFORE" ] || fail "signing key not restored"
echo "backup-restore: database, media and keys restored; damaged archive refused" >&2
