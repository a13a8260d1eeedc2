#!/usr/bin/env bash
# Backup/restore round trip against a running `pi` stack (called by selfhost/test/run.sh):
# account A and media file A exist → ONLINE backup (pg_dump) while a prober keeps requesting the home page and
# /api/health and media files keep appearing and disappearing: every answer is 200, no container stops or
# restarts, the archive verifies and holds no half-written file → account B, media file B, the signing key deleted →
# a truncated and an altered archive are refused (database, media and the running containers untouched) →
# restore → A and the key are back (same bytes), B is gone, no leftover database, the stack is healthy again →
# `down -v` (a new machine: no containers, no volumes) → restore → A, media A and the key are back.
# Accounts are written and looked up in the database (sql.mjs): self sign-up is closed on a school server (SIGNUP
# unset with OFFLINE_MODE=true — /api/auth/signup answers 403 signup_closed, checked here too).
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
# add_account <e-mail>: a learner account with this e-mail, written directly (as a school admin's would be)
add_account() {
  node "$HERE/test/sql.mjs" "$RUN_DIR/.env" \
    'INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($2, $1, $3, now())' "$1" "backup-$(date +%s%N)" "Backup Test"
}
# accounts <e-mail>: how many users have this e-mail (0 or 1)
accounts() { node "$HERE/test/sql.mjs" "$RUN_DIR/.env" 'SELECT count(*) FROM "User" WHERE email = $1' "$1"; }
wait_healthy() {
  for _ in $(seq 1 180); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/health" || true)" = 200 ] && return 0; sleep 1; done
  fail "stack not healthy: $(curl -s "$URL/api/health" || true)"
}
# started: when each service's container started (changes when a container is restarted or recreated)
started() { for s in db web worker; do docker inspect -f "$s {{.State.Running}} {{.State.StartedAt}}" "$(compose ps -q "$s")"; done; }
backup_sh() { "$HERE/backup.sh" --env-file "$RUN_DIR/.env" "$@"; }

A="before-$PROJECT@school.example"; B="after-$PROJECT@school.example"
[ "$(signup "$A")" = 403 ] || fail "self sign-up is not closed on the school server"
add_account "$A"
[ "$(accounts "$A")" = 1 ] || fail "account A not in the database"
compose exec -T web sh -c 'echo A > /data/media/backup-test-a'
KEY_BEFORE="$(compose exec -T web sha256sum /data/keys/credential-issuer-key | cut -d' ' -f1)"
USERS_BEFORE="$(node "$HERE/test/sql.mjs" "$RUN_DIR/.env" 'SELECT count(*) FROM "User"')"

# ── online backup: the stack keeps answering (the home page, /api/health with its database check) ──────
STARTED="$(started)"
PROBE="$RUN_DIR/probe.log"; : > "$PROBE"
( while [ ! -e "$RUN_DIR/probe.stop" ]; do
    echo "page $(curl -sL -o /dev/null -m 10 -w '%{http_code}' "$URL/" || echo 000)" >> "$PROBE"
    echo "health $(curl -s -o /dev/null -m 10 -w '%{http_code}' "$URL/api/health" || echo 000)" >> "$PROBE"
    sleep 0.1
  done ) &
PROBER=$!
# and the media volume keeps changing, as on a busy school server: health-probe files come and go, uploads are
# written as .partial and renamed into place (the storage's way), and are deleted again
compose exec -T -u 10001 web sh -c 'rm -f /tmp/churn.stop; i=0; while [ ! -e /tmp/churn.stop ]; do
    i=$((i + 1)); echo probe > "/data/media/.health-churn-$i"; rm -f "/data/media/.health-churn-$i"
    echo upload > "/data/media/churn-$i.mp4.partial"; mv "/data/media/churn-$i.mp4.partial" "/data/media/churn-$i.mp4"
    [ "$i" -le 20 ] || rm -f "/data/media/churn-$((i - 20)).mp4"
  done; echo "$i"' > "$RUN_DIR/churn.count" &
CHURN=$!
for _ in $(seq 1 50); do compose exec -T web sh -c 'ls /data/media | grep -q "^churn-"' && break; sleep 0.2; done
kill -0 "$CHURN" 2>/dev/null || fail "the media churn did not start"
stop_load() { touch "$RUN_DIR/probe.stop"; compose exec -T web touch /tmp/churn.stop; wait "$PROBER" "$CHURN"; }
T0=$(date +%s.%N)
ARCHIVE="$(backup_sh backup "$RUN_DIR/backups")" || { stop_load; fail "backup failed"; }
SECS=$(awk -v s="$T0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
stop_load
compose exec -T web sh -c 'rm -f /data/media/churn-*'
echo "media churn during the backup: $(cat "$RUN_DIR/churn.count") files written, renamed and deleted" >&2
if tar -tzf "$ARCHIVE" | grep -E '(\.partial|/\.health-[^/]*|~snapshot.*)$' >&2; then fail "the archive holds files that were being written (above)"; fi
if compose exec -T web sh -c 'ls -a /data/media' | grep -F '~' >&2; then fail "the backup left its snapshot in the media volume"; fi
[ -s "$ARCHIVE" ] || fail "no archive written"
echo "backup: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1), ${SECS} s); answers meanwhile: $(sort "$PROBE" | uniq -c | tr -s ' \n' ' ')" >&2
# a backup can take < 1 s on an idle machine: at least one round of requests overlaps it
[ "$(grep -c '^page' "$PROBE")" -ge 1 ] || fail "the prober made no request during the backup"
if grep -v -E '^(page|health) 200$' "$PROBE" >&2; then fail "the stack did not answer every request during the backup (above)"; fi
[ "$(started)" = "$STARTED" ] || fail "a container stopped or restarted during the backup: $(started)"
[ "$(tar -xzOf "$ARCHIVE" --occurrence=1 database.dump | head -c 5)" = PGDMP ] || fail "database.dump is not a pg_dump custom-format archive"
tar -xzOf "$ARCHIVE" --occurrence=1 MANIFEST | grep -q '^pg_dump=pg_dump (PostgreSQL) 18\.' || fail "MANIFEST names no pg_dump 18"
tar -xzOf "$ARCHIVE" --occurrence=1 SHA256SUMS | grep -q '  media/backup-test-a$' || fail "SHA256SUMS does not list media/backup-test-a"
backup_sh verify "$ARCHIVE" || fail "the fresh archive does not verify"

# ── changes after the backup ──────────────────────────────────────────────────────────────────────
add_account "$B"
[ "$(accounts "$B")" = 1 ] || fail "account B not in the database"
compose exec -T web sh -c 'echo B > /data/media/backup-test-b; rm /data/keys/credential-issuer-key'

# ── damaged archives are refused before anything changes (no service stopped either) ──────────────
STARTED="$(started)"
head -c "$(( $(stat -c %s "$ARCHIVE") / 2 ))" "$ARCHIVE" > "$RUN_DIR/truncated.tar.gz"
if backup_sh restore "$RUN_DIR/truncated.tar.gz" 2> "$RUN_DIR/refused.log"; then fail "truncated archive restored"; fi
grep -q "nothing changed" "$RUN_DIR/refused.log" || { cat "$RUN_DIR/refused.log" >&2; fail "no refusal message for the truncated archive"; }
mkdir "$RUN_DIR/altered" && tar -xzf "$ARCHIVE" -C "$RUN_DIR/altered"
echo "not A" > "$RUN_DIR/altered/media/backup-test-a"
tar -czf "$RUN_DIR/altered.tar.gz" -C "$RUN_DIR/altered" SHA256SUMS MANIFEST database.dump media keys
if backup_sh restore "$RUN_DIR/altered.tar.gz" 2> "$RUN_DIR/refused.log"; then fail "altered archive restored"; fi
grep -q "checksum differs: media/backup-test-a" "$RUN_DIR/refused.log" || { cat "$RUN_DIR/refused.log" >&2; fail "the refusal does not name the altered file"; }
[ "$(started)" = "$STARTED" ] || fail "a refused restore stopped or restarted a container: $(started)"
[ "$(accounts "$B")" = 1 ] || fail "a refused restore changed the database (account B gone)"
[ -n "$(compose exec -T web sh -c 'cat /data/media/backup-test-b 2>/dev/null')" ] || fail "a refused restore changed the media"

# ── restore ───────────────────────────────────────────────────────────────────────────────────────
T0=$(date +%s.%N)
backup_sh restore "$ARCHIVE"
wait_healthy
echo "restore + healthy: $(awk -v s="$T0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s" >&2
[ "$(accounts "$A")" = 1 ] || fail "account A missing after restore"
[ "$(accounts "$B")" = 0 ] || fail "account B (made after the backup) survived the restore"
USERS_AFTER="$(node "$HERE/test/sql.mjs" "$RUN_DIR/.env" 'SELECT count(*) FROM "User"')"
[ "$USERS_AFTER" -ge "$USERS_BEFORE" ] || fail "fewer users after the restore ($USERS_AFTER) than before the backup ($USERS_BEFORE)"
LEFT="$(node "$HERE/test/sql.mjs" "$RUN_DIR/.env" "SELECT datname FROM pg_database WHERE datname LIKE '%restore%'")"
[ -z "$LEFT" ] || fail "a temporary database was left behind: $LEFT"
compose exec -T web cat /data/media/backup-test-a | grep -qx A || fail "media file A missing after restore"
if compose exec -T web test -e /data/media/backup-test-b; then fail "media file B survived the restore"; fi
KEY_AFTER="$(compose exec -T web sha256sum /data/keys/credential-issuer-key | cut -d' ' -f1)"
[ "$KEY_AFTER" = "$KEY_BEFORE" ] || fail "signing key not restored"
[ "$(compose exec -T web stat -c %u:%g /data/keys/credential-issuer-key)" = 10001:10001 ] || fail "restored key not owned by the app user"

# ── a new machine: no containers, no volumes — the restore alone brings the school back ───────────
compose --profile pi down -v >&2
T0=$(date +%s.%N)
backup_sh restore "$ARCHIVE"
wait_healthy
echo "restore on a new machine + healthy: $(awk -v s="$T0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s" >&2
[ "$(accounts "$A")" = 1 ] || fail "account A missing after the restore on a new machine"
[ "$(accounts "$B")" = 0 ] || fail "account B present after the restore on a new machine"
compose exec -T web cat /data/media/backup-test-a | grep -qx A || fail "media file A missing after the restore on a new machine"
[ "$(compose exec -T web sha256sum /data/keys/credential-issuer-key | cut -d' ' -f1)" = "$KEY_BEFORE" ] ||
  fail "signing key not restored on a new machine"
echo "backup-restore: online backup (stack answered throughout), database, media and keys restored (also on empty volumes); truncated and altered archives refused" >&2
