#!/usr/bin/env bash
# Builds the self-host image for one architecture from selfhost/Dockerfile and prints its size.
#
# usage: selfhost/scripts/build-image.sh <amd64|arm64> [--base <image>] [--tag <name>] [--no-next-build] [--save <file.tar.gz>] [--context-only]
#   --base           base image (default node:24-bookworm-slim; offline: the debootstrap base, see base-image.sh)
#   --tag            image name (default smolitux-academy:<arch>)
#   --no-next-build  reuse web/.next/standalone from an earlier `next build` (the test runner builds once);
#                    without it, a build recorded as current for these sources (build-cache.ts) is reused too
#   --save           also write the compressed image (for `docker load` from a USB stick)
#   --context-only   stop after assembling $SELFHOST_WORK/context/app-<arch> (.data/selfhost/context/…) (no daemon needed; for buildx)
# Needs a Docker daemon (DOCKER_HOST) and the workspace installed (`./run install`).
# Next.js is built once on the build host (its output is platform independent); only the runtime
# packages with native code are installed per CPU (npm --cpu/--os/--libc), see assemble.mjs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ARCH="${1:-}"; shift || true
case "$ARCH" in amd64|arm64) ;; *) echo "usage: build-image.sh <amd64|arm64> [--base IMG] [--tag NAME] [--no-next-build] [--save FILE]" >&2; exit 2 ;; esac
BASE="node:24-bookworm-slim"; TAG="smolitux-academy:$ARCH"; NEXT_BUILD=1; SAVE=""; CONTEXT_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --base) BASE="$2"; shift 2 ;;
    --tag) TAG="$2"; shift 2 ;;
    --no-next-build) NEXT_BUILD=0; shift ;;
    --save) SAVE="$2"; shift 2 ;;
    --context-only) CONTEXT_ONLY=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$REPO"
export PATH="$REPO/.tools/node/bin:$REPO/.tools/pnpm/bin:$PATH" NEXT_TELEMETRY_DISABLED=1
# a build of exactly these sources (recorded by the test runner's build step or an earlier image build) is reused
if [ "$NEXT_BUILD" = 1 ] && pnpm --filter @smolitux/web exec tsx scripts/stack/build-cache.ts check >&2; then NEXT_BUILD=0; fi
if [ "$NEXT_BUILD" = 1 ] || [ ! -f web/.next/standalone/web/server.js ]; then
  timed "next build" nice -n 10 pnpm --filter @smolitux/web build >&2
  pnpm --filter @smolitux/web exec tsx scripts/stack/build-cache.ts record >&2
fi
timed "esbuild bundles" pnpm --filter @smolitux/web bundle >&2
CONTEXT="${SELFHOST_CONTEXT:-$SELFHOST_WORK/context}"
timed "pg client tools 18 ($ARCH, cached)" selfhost/scripts/pg-client.sh "$ARCH" >/dev/null
timed "assemble context ($ARCH)" node selfhost/scripts/assemble.mjs "$ARCH" "$CONTEXT"
if [ "$CONTEXT_ONLY" = 1 ]; then rm -f "$CONTEXT/.dockerignore"; echo "$CONTEXT"; exit 0; fi
# the legacy builder sends the whole folder: leave the other architecture's files out
other=$([ "$ARCH" = amd64 ] && echo arm64 || echo amd64)
printf 'app-%s\n' "$other" > "$CONTEXT/.dockerignore"
VERSION="$(git -C "$REPO" describe --always --dirty 2>/dev/null || echo dev)"
timed "docker build ($ARCH)" nice -n 10 docker build --network host --build-arg "BASE_IMAGE=$BASE" \
  --build-arg "TARGETARCH=$ARCH" --build-arg "IMAGE_VERSION=$VERSION" -t "$TAG" "$CONTEXT" >&2
docker image prune -f >/dev/null 2>&1 || true
echo "build context kept in $CONTEXT (the offline test runs the same files natively)" >&2

SIZE=$(docker image inspect -f '{{.Size}}' "$TAG")
IMG_ARCH=$(docker image inspect -f '{{.Architecture}}' "$TAG")
if [ -n "$SAVE" ]; then
  timed "docker save | gzip ($ARCH)" bash -c "docker save '$TAG' | gzip -1 > '$SAVE'"
  COMPRESSED=$(stat -c %s "$SAVE")
else
  COMPRESSED=$(docker save "$TAG" | gzip -1 | wc -c)
fi
printf 'image %s (linux/%s, version %s): %d MB uncompressed, %d MB compressed (gzip -1 of docker save)\n' \
  "$TAG" "$IMG_ARCH" "$VERSION" $((SIZE / 1000000)) $((COMPRESSED / 1000000))
[ -n "${TIMINGS:-}" ] && printf '%-40s %8s MB\n' "image size $ARCH (compressed)" $((COMPRESSED / 1000000)) >> "$TIMINGS"
exit 0
