# shellcheck shell=bash
# Helpers shared by the self-host scripts (source it). A private Docker daemon for tests on machines
# without one running: vfs storage, no bridge, no iptables — containers use the host network only.

REPO="${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# SELFHOST_CACHE: inputs-keyed caches shared by every clone on this machine (debootstrap base rootfs, npm
# runtime installs per CPU) — outside the clone, so a fresh clone or `git clean` reuses them; a machine without
# it fills it on first use. SELFHOST_WORK: this clone's build context, test runs and timings.
SELFHOST_CACHE="${SELFHOST_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/smolitux-selfhost}"
SELFHOST_WORK="${SELFHOST_WORK:-$REPO/.data/selfhost}"
export SELFHOST_CACHE SELFHOST_WORK
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0

log() { printf '[selfhost %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# timed <label> <cmd...>: runs a command and records "<label> <seconds>" in $TIMINGS (if set)
timed() {
  local label="$1" start rc=0; shift
  start=$(date +%s.%N)
  "$@" || rc=$?
  local secs; secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  log "$label: ${secs} s (exit $rc)"
  [ -n "${TIMINGS:-}" ] && printf '%-40s %8s s\n' "$label" "$secs" >> "$TIMINGS"
  return $rc
}

# start_dockerd <dir>: starts dockerd with its state in <dir>, exports DOCKER_HOST and DOCKERD_PID.
# The caller must call stop_dockerd (trap). Reuses nothing from a system daemon.
start_dockerd() {
  local dir="$1"
  command -v dockerd >/dev/null || { log "dockerd missing: apt-get install -y docker.io docker-compose"; return 1; }
  mkdir -p "$dir/root" "$dir/exec"
  export DOCKER_HOST="unix://$dir/docker.sock"
  dockerd --storage-driver=vfs --iptables=false --ip6tables=false --ip-masq=false --bridge=none \
    --data-root="$dir/root" --exec-root="$dir/exec" --pidfile="$dir/docker.pid" \
    --host="$DOCKER_HOST" > "$dir/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  DOCKERD_DIR="$dir"
  export DOCKERD_PID DOCKERD_DIR
  local i
  for i in $(seq 1 120); do
    docker version >/dev/null 2>&1 && { log "dockerd $DOCKERD_PID ready ($DOCKER_HOST)"; return 0; }
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "dockerd did not start:"; tail -20 "$dir/dockerd.log" >&2
  return 1
}

stop_dockerd() {
  [ -n "${DOCKERD_PID:-}" ] || return 0
  kill "$DOCKERD_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$DOCKERD_PID" 2>/dev/null || true
  # the daemon leaves its default network namespace mounted under exec-root
  local m
  for m in "$DOCKERD_DIR"/exec/netns/*; do [ -e "$m" ] && umount "$m" 2>/dev/null || true; done
  log "dockerd $DOCKERD_PID stopped"
  DOCKERD_PID=
}

# import_base <amd64|arm64>: makes sure the debootstrap base is loaded as smolitux-base:<arch>-<key>
# and prints its name. The rootfs tarball is cached in $SELFHOST_CACHE by base-image.sh.
import_base() {
  local arch="$1" tarball name
  tarball="$("$REPO/selfhost/scripts/base-image.sh" "$arch")"
  name="smolitux-base:$(basename "$tarball" .tar | sed 's/^base-//')"
  if ! docker image inspect "$name" >/dev/null 2>&1; then
    docker import --change 'CMD ["/bin/bash"]' "$tarball" "$name" >/dev/null
    if [ "$arch" != amd64 ]; then fix_architecture "$name" "$arch"; fi
  fi
  echo "$name"
}

# fix_architecture <image> <arch>: `docker import --platform` keeps "amd64" on Docker 20.10, so rewrite
# the image config's architecture (save → edit config JSON → load).
fix_architecture() {
  local image="$1" arch="$2" tmp
  tmp="$(mktemp -d)"
  docker save "$image" | tar -C "$tmp" -x
  node -e '
    const fs = require("fs"), path = require("path"), crypto = require("crypto");
    const dir = process.argv[1], arch = process.argv[2];
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json")));
    for (const m of manifest) {
      const cfg = JSON.parse(fs.readFileSync(path.join(dir, m.Config)));
      cfg.architecture = arch;
      const text = JSON.stringify(cfg);
      const id = crypto.createHash("sha256").update(text).digest("hex");
      fs.unlinkSync(path.join(dir, m.Config));
      fs.writeFileSync(path.join(dir, id + ".json"), text);
      m.Config = id + ".json";
    }
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    fs.rmSync(path.join(dir, "repositories"), { force: true });' "$tmp" "$arch"
  docker rmi "$image" >/dev/null
  tar -C "$tmp" -c . | docker load >/dev/null
  rm -rf "$tmp"
}
