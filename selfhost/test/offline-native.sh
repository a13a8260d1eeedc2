#!/usr/bin/env bash
# Proof that the self-host processes work without any network and try none: the image's application
# folder runs natively (native-stack.sh, as an unprivileged user) inside a network namespace that has
# only loopback, under strace recording every connect()/sendto()/sendmsg(); the Chromium smoke runs in
# the same namespace. Fails on any attempt to reach a non-loopback address or port 53 (DNS).
# usage (root): offline-native.sh <app dir>   (.data/selfhost/context/app-amd64 after build-image.sh)
set -euo pipefail
APP="$(cd "$1" && pwd)"
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
export PATH="$REPO/.tools/node/bin:$REPO/.tools/pnpm/bin:/usr/sbin:/sbin:$PATH"
WORK="$(mktemp -d /tmp/smolitux-offline.XXXXXX)"
chmod 0755 "$WORK"; mkdir -p "$WORK/data"; chown 65534:65534 "$WORK/data"
trap 'rm -rf "$WORK"' EXIT
export WEB_PORT="${SELFHOST_WEB_PORT:-4661}" PGPORT="${SELFHOST_PG_PORT:-4662}"
export POSTGRES_PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(18).toString("hex"))')"
export APP_URL="http://127.0.0.1:$WEB_PORT"
export SELFHOST_URL="$APP_URL" SELFHOST_PHASE=first SELFHOST_EMAIL="offline@school.example" SELFHOST_PASSWORD="offline-correct-horse"
# the school smoke (web/e2e-selfhost) in full: pack folder = native-stack.sh's PACKS_DIR, database for the §6c counts
export SELFHOST_PACKS_DIR="$WORK/data/packs" SELFHOST_DATABASE_URL="postgres://postgres:$POSTGRES_PASSWORD@127.0.0.1:$PGPORT/smolitux"

# inside the namespace: ports are private to it, so fixed ones are fine
unshare -n -- bash -s "$APP" "$WORK" "$HERE" "$REPO" <<'INNER'
set -euo pipefail
APP="$1"; WORK="$2"; HERE="$3"; REPO="$4"
ip link set lo up
[ "$(ip -o link | grep -vc ': lo:')" = 0 ] || { echo "namespace has more than loopback" >&2; exit 1; }
strace -f -qq --seccomp-bpf -e trace=connect,sendto,sendmsg -o "$WORK/trace.log" \
  setpriv --reuid=65534 --regid=65534 --clear-groups -- env HOME="$WORK/data" PATH="$PATH" WEB_PORT="$WEB_PORT" PGPORT="$PGPORT" \
  POSTGRES_PASSWORD="$POSTGRES_PASSWORD" APP_URL="$APP_URL" bash "$HERE/native-stack.sh" "$APP" "$WORK/data" > "$WORK/stack.log" 2>&1 &
TRACER=$!
ok=0
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/api/health" || true)" = 200 ] && { ok=1; break; }
  kill -0 "$TRACER" 2>/dev/null || break
  sleep 1
done
rc=0
if [ $ok = 1 ]; then
  (cd "$REPO" && pnpm --filter @smolitux/web exec playwright test -c e2e-selfhost/playwright.config.ts) || rc=$?
else
  echo "native stack not healthy: $(curl -s "$APP_URL/api/health" || true)" >&2; tail -40 "$WORK/stack.log" >&2; rc=1
fi
kill -TERM "$(cat "$WORK/data/stack.pid")" 2>/dev/null || true
wait "$TRACER" || true
[ $rc = 0 ] || { tail -40 "$WORK/stack.log" >&2; exit $rc; }
INNER

node - "$WORK/trace.log" <<'JS'
const lines = require("fs").readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean);
let loopback = 0, unix = 0;
const bad = [];
for (const line of lines) {
  if (!/\b(connect|sendto|sendmsg)\(/.test(line)) continue;
  const fam = /sa_family=(AF_\w+)/.exec(line)?.[1];
  if (!fam) continue; // sendto on a connected socket: no address (its connect() was checked)
  if (fam === "AF_UNIX") { unix++; continue; }
  if (fam === "AF_UNSPEC" || fam === "AF_NETLINK") continue;
  const port = Number(/sin6?_port=htons\((\d+)\)/.exec(line)?.[1] ?? -1);
  const v4 = /inet_addr\("([^"]+)"\)/.exec(line)?.[1];
  const v6 = /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1];
  const addr = v4 ?? v6 ?? "?";
  const isLoop = (v4 && v4.startsWith("127.")) || v6 === "::1" || (v6 && /^::ffff:127\./.test(v6));
  if (!isLoop || port === 53) bad.push(line);
  else loopback++;
}
console.log(`strace: ${lines.length} lines, ${loopback} loopback and ${unix} unix-socket connection attempts, ${bad.length} to anywhere else`);
if (loopback === 0) { console.error("no loopback connection recorded: the trace did not see the processes"); process.exit(1); }
if (bad.length) { console.error("outbound connection attempts:\n" + bad.slice(0, 20).join("\n")); process.exit(1); }
JS
