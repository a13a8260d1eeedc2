# shellcheck shell=bash
# Helpers shared by the self-host scripts (source it). A private Docker daemon for tests on machines
# without one running: overlay2 storage when this kernel mounts overlayfs on the data root (else vfs), no
# bridge, no iptables — containers use the host network only.

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

# overlay_works <dir>: true when the kernel mounts an overlayfs with its layers in <dir> (the filesystem the
# daemon's data root lives on) and a file written through it lands in the upper layer. On failure prints why.
overlay_works() {
  local p="$1/overlay-probe" out rc=0
  rm -rf "$p"; mkdir -p "$p/lower" "$p/upper" "$p/work" "$p/merged"
  echo lower > "$p/lower/f"
  if out="$(mount -t overlay overlay -o "lowerdir=$p/lower,upperdir=$p/upper,workdir=$p/work" "$p/merged" 2>&1)"; then
    { echo upper > "$p/merged/f" && [ "$(cat "$p/upper/f" 2>/dev/null)" = upper ] && [ "$(cat "$p/lower/f")" = lower ]; } ||
      { out="writing through the overlay did not reach the upper layer"; rc=1; }
    umount "$p/merged" 2>/dev/null || true
  else
    rc=1
  fi
  rm -rf "$p"
  [ $rc = 0 ] || echo "${out:-mount -t overlay failed}"
  return $rc
}

# start_dockerd <dir>: starts dockerd with its state in <dir>, exports DOCKER_HOST, DOCKERD_PID and
# DOCKERD_STORAGE. The caller must call stop_dockerd (trap). Reuses nothing from a system daemon.
# Storage: overlay2 (Docker's and Raspberry Pi OS's default: containers of one image share the page cache of
# its files, layers are not copied) when overlay_works on <dir>, else vfs (a full copy per layer and container)
# with the reason logged; SELFHOST_STORAGE_DRIVER=vfs|overlay2 forces one.
start_dockerd() {
  local dir="$1" driver="${SELFHOST_STORAGE_DRIVER:-}" why
  command -v dockerd >/dev/null || { log "dockerd missing: apt-get install -y docker.io docker-compose"; return 1; }
  mkdir -p "$dir/root" "$dir/exec"
  if [ -z "$driver" ]; then
    if why="$(overlay_works "$dir")"; then driver=overlay2
    else driver=vfs; log "storage driver vfs: overlayfs does not work in $dir ($why)"; fi
  fi
  _dockerd "$dir" "$driver" && return 0
  if [ "$driver" = overlay2 ] && [ -z "${SELFHOST_STORAGE_DRIVER:-}" ]; then
    log "storage driver vfs: dockerd did not start with overlay2 (log above)"
    rm -rf "$dir/root" "$dir/exec"; mkdir -p "$dir/root" "$dir/exec"
    _dockerd "$dir" vfs && return 0
  fi
  return 1
}

_dockerd() {
  local dir="$1" driver="$2"
  export DOCKER_HOST="unix://$dir/docker.sock"
  dockerd --storage-driver="$driver" --iptables=false --ip6tables=false --ip-masq=false --bridge=none \
    --data-root="$dir/root" --exec-root="$dir/exec" --pidfile="$dir/docker.pid" \
    --host="$DOCKER_HOST" > "$dir/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  DOCKERD_DIR="$dir"
  DOCKERD_STORAGE="$driver"
  export DOCKERD_PID DOCKERD_DIR DOCKERD_STORAGE
  local i
  for i in $(seq 1 120); do
    docker version >/dev/null 2>&1 && { log "dockerd $DOCKERD_PID ready ($DOCKER_HOST, storage driver $driver)"; return 0; }
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "dockerd ($driver) did not start:"; tail -20 "$dir/dockerd.log" >&2
  stop_dockerd
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
  # overlay2: a killed daemon can leave container/layer mounts behind (deepest first, so rm -rf stays inside)
  awk -v d="$DOCKERD_DIR/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
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
