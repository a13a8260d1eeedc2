# shellcheck shell=bash
# Project-local toolchain: Node >= 22.19 (Node 24 LTS from the npm registry when the system one is older)
# and pnpm pinned by package.json "packageManager". Everything lands in .tools/ (git-ignored).
NODE_VERSION="24.21.0"
NODE_MIN_MAJOR=22
NODE_MIN_MINOR=19
# pnpm is pinned in package.json "engines.pnpm" (see README: why there is no "packageManager" field)
PNPM_VERSION="$(sed -n 's/.*"pnpm": *"\([0-9.]*\)".*/\1/p' "$ROOT/package.json")"
TOOLS="$ROOT/.tools"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v major minor
  v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  [ "$major" -gt "$NODE_MIN_MAJOR" ] || { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -ge "$NODE_MIN_MINOR" ]; }
}

ensure_toolchain() {
  export PATH="$TOOLS/node/bin:$TOOLS/pnpm/bin:$PATH"
  export NEXT_TELEMETRY_DISABLED=1
  if ! node_ok; then
    echo "[toolchain] Node >= $NODE_MIN_MAJOR.$NODE_MIN_MINOR not found; fetching node@$NODE_VERSION into .tools/node" >&2
    command -v npm >/dev/null 2>&1 || { echo "[toolchain] npm is required to fetch Node; install any Node.js with npm first" >&2; exit 1; }
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/node" -g "node@$NODE_VERSION" >&2
    hash -r
    node_ok || { echo "[toolchain] could not install node@$NODE_VERSION" >&2; exit 1; }
  fi
  if ! { command -v pnpm >/dev/null 2>&1 && [ "$(pnpm -v 2>/dev/null)" = "$PNPM_VERSION" ]; }; then
    echo "[toolchain] installing pnpm@$PNPM_VERSION into .tools/pnpm" >&2
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/pnpm" -g "pnpm@$PNPM_VERSION" >&2
    hash -r
  fi
}

ensure_dependencies() {
  local stamp="$ROOT/node_modules/.install-stamp"
  if [ ! -f "$stamp" ] || [ "$ROOT/pnpm-lock.yaml" -nt "$stamp" ] || [ "$ROOT/package.json" -nt "$stamp" ]; then
    echo "[toolchain] pnpm install --frozen-lockfile" >&2
    pnpm install --frozen-lockfile >&2
    touch "$stamp"
  elif [ "$ROOT/prisma/schema.prisma" -nt "$stamp" ]; then
    # A pulled schema change with an unchanged lockfile: the generated Prisma client would be stale.
    echo "[toolchain] prisma generate (schema.prisma changed)" >&2
    pnpm --filter @smolitux/db run generate >&2
    touch "$stamp"
  fi
}

ensure_chromium() {
  [ -n "${CHROMIUM_PATH:-}" ] && return 0
  command -v chromium >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[toolchain] installing Debian chromium for the Playwright e2e suite" >&2
    (apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; })
  else
    echo "[toolchain] chromium is missing: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH" >&2
    exit 1
  fi
}

# kubectl renders the k8s/ overlays offline (`kubectl kustomize`) in the k8s test step.
ensure_kubectl() {
  command -v kubectl >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[toolchain] installing Debian kubernetes-client (kubectl) for the k8s manifest checks" >&2
    (apt-get install -y kubernetes-client >&2 || { apt-get update >&2 && apt-get install -y kubernetes-client >&2; })
  else
    echo "[toolchain] kubectl is missing: run 'sudo apt-get install -y kubernetes-client' (or install kubectl >= 1.21)" >&2
    exit 1
  fi
}

# Debian packages of the self-host proof (selfhost/test/run.sh): a private Docker daemon, compose v1,
# debootstrap for the offline base image, strace for the offline check; a C toolchain (+ the arm64 cross compiler
# and qemu-user to run its result) for PostgreSQL's client tools (selfhost/scripts/pg-client.sh). Missing ones make
# only that step fail.
ensure_selfhost_tools() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  command -v strace >/dev/null 2>&1 || missing+=(strace)
  local tool
  for tool in gcc make bison flex file; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || missing+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
  command -v qemu-aarch64-static >/dev/null 2>&1 || missing+=(qemu-user-static)
  command -v update-binfmts >/dev/null 2>&1 || [ -x /usr/sbin/update-binfmts ] || missing+=(binfmt-support)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[toolchain] installing ${missing[*]} for the selfhost step" >&2
    (apt-get install -y "${missing[@]}" >&2 || { apt-get update >&2 && apt-get install -y "${missing[@]}" >&2; }) ||
      echo "[toolchain] could not install ${missing[*]}: the selfhost step will fail" >&2
  else
    echo "[toolchain] ${missing[*]} missing (sudo apt-get install -y ${missing[*]}): the selfhost step will fail" >&2
  fi
}
