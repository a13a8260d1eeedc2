/**
 * Worker loop that aborts resumable uploads nobody touched for a day and deletes their temporary chunk
 * files (features/media `sweepStaleUploads`), so abandoned uploads leave nothing behind; the same pass
 * deletes rate-limit counters whose windows ended (server/rate-limit.ts `sweepRateLimits`).
 */
import path from "node:path";
import { sweepStaleUploads } from "../features/media/uploads.ts";
import { sweepRateLimits } from "../server/rate-limit.ts";
import { createStorageFromEnv } from "../server/storage/index.ts";
import type { WorkerContext } from "./context.ts";
import type { WorkerLoop } from "./loops.ts";

/** Uploads untouched this long (seconds) are abandoned. */
export const STALE_UPLOAD_SECONDS = 24 * 3600;

export function uploadSweepLoops(ctx: WorkerContext): WorkerLoop[] {
  const log = ctx.log.child("uploads");
  const deps = { db: ctx.db, storage: createStorageFromEnv(ctx.env), tmpDir: path.resolve(ctx.env.UPLOAD_TMP_DIR) };
  return [
    {
      name: "upload-sweep",
      lockKey: "upload-sweep",
      intervalMs: 10 * 60_000,
      async tick() {
        const aborted = await sweepStaleUploads(deps, STALE_UPLOAD_SECONDS);
        if (aborted > 0) log.info("aborted stale uploads", { aborted });
        const counters = await sweepRateLimits(ctx.db);
        return { aborted, counters };
      },
    },
  ];
}
