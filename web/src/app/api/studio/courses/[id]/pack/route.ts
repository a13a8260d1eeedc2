/**
 * GET /api/studio/courses/<id>/pack — the course's provider (or a platform admin) downloads a signed course
 * pack of the published course (features/packs). 401/403/404; 409 when not published.
 */
import { packFileName, studioExport } from "@/features/packs/service.ts";
import { appPackDeps } from "@/features/packs/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { streamDownload } from "@/server/download.ts";
import { route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const pack = await studioExport(appPackDeps(), user, (await ctx.params).id);
  return streamDownload(packFileName(pack.slug), "application/x-tar", pack.write, "course pack");
});
