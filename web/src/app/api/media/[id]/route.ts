/**
 * GET/HEAD /api/media/<assetId> — serve a media asset with byte ranges (206/416), ETag and caching headers;
 * access rules in features/media/access.ts (public course media, otherwise enrolled learners, the provider,
 * admins: 401 anonymous / 403 otherwise). Protected media on S3 → 302 to a short-lived presigned URL.
 */
import { idParam } from "@/features/media/schemas.ts";
import { mediaResponse } from "@/features/media/respond.ts";
import { mediaViewer } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";
import { storage } from "@/server/storage/index.ts";

type Ctx = { params: Promise<{ id: string }> };

const handler = route(
  async (req: Request, ctx: Ctx) => {
    const assetId = parseInput(idParam, (await ctx.params).id);
    return mediaResponse({ db: db(), storage: storage() }, req, assetId, await mediaViewer(req));
  },
  { policy: "media" },
);

export const GET = handler;
export const HEAD = handler;
