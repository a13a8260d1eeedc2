/**
 * GET /api/certificates/<id>/pdf — the certificate PDF (owner or platform admin; 404 for anyone else), in the
 * school's branding (name, colour, logo) when one is set. The worker renders it (features/certificates/pdf-store.ts):
 * 200 with the PDF once stored; 202 `{"status":"pending","retryAfterSeconds":2}` (+ `Retry-After`) while it is being
 * rendered or re-rendered after its contents changed; 409 while the certificate itself is still being issued.
 */
import { NextResponse } from "next/server";
import { storedCertificatePdf } from "@/features/certificates/pdf-store.ts";
import { certificateIdParam } from "@/features/certificates/schemas.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { route, parseInput } from "@/server/http.ts";

export const runtime = "nodejs";

/** Seconds a client waits before asking again for a PDF that is being rendered. */
const RETRY_AFTER_SECONDS = 2;

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const id = parseInput(certificateIdParam, (await ctx.params).id);
  const pdf = await storedCertificatePdf(appCertificateDeps(), user, id);
  if (pdf.state === "pending") {
    return NextResponse.json(
      { status: "pending", retryAfterSeconds: RETRY_AFTER_SECONDS },
      { status: 202, headers: { "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" } },
    );
  }
  return new Response(new Uint8Array(pdf.bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="certificate-${id}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
});
