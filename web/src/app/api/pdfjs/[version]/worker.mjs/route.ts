/**
 * GET/HEAD /api/pdfjs/<version>/worker.mjs — pdf.js' worker for the PDF lesson viewer, from our own origin
 * (server/pdf-worker.ts). Public (free-preview PDF lessons need it too); only the installed version exists (404
 * otherwise); cached for a year (the version is in the path). API CSP: the worker may load nothing itself.
 */
import { pdfjsVersionParam } from "@/features/learning/pdf-worker.ts";
import { ApiError, parseInput, route } from "@/server/http.ts";
import { PDFJS_VERSION, pdfWorkerScript } from "@/server/pdf-worker.ts";

type Ctx = { params: Promise<{ version: string }> };

const handler = route(async (req: Request, ctx: Ctx) => {
  const version = parseInput(pdfjsVersionParam, (await ctx.params).version);
  if (version !== PDFJS_VERSION) throw new ApiError("not_found", "This pdf.js version is not served here.");
  const body = await pdfWorkerScript();
  return new Response(req.method === "HEAD" ? null : body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
});

export const GET = handler;
export const HEAD = handler;
