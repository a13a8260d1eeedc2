/**
 * GET /api/courses/<slug>/pack — marketplace download of a course pack for a school admin holding a licence
 * (a purchase, access code or free enrollment of their account; rule in features/packs/service.ts).
 * 401 anonymous, 403 without the role or licence, 404 unknown course.
 */
import { licencedExport, packFileName } from "@/features/packs/service.ts";
import { appPackDeps } from "@/features/packs/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { streamDownload } from "@/server/download.ts";
import { route } from "@/server/http.ts";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const pack = await licencedExport(appPackDeps(), user, (await ctx.params).slug);
  return streamDownload(packFileName(pack.slug), "application/x-tar", pack.write, "course pack");
});
