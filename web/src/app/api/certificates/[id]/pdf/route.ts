/**
 * GET /api/certificates/<id>/pdf — the certificate PDF (owner or platform admin; 404 for anyone else), in the
 * school's branding (name, colour, logo) when one is set.
 */
import { pdfInputFor } from "@/features/certificates/queries.ts";
import { renderCertificatePdf } from "@/features/certificates/pdf.ts";
import { certificateIdParam } from "@/features/certificates/schemas.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { getBranding, getLogo } from "@/features/school/branding.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route, parseInput } from "@/server/http.ts";

export const runtime = "nodejs";

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const id = parseInput(certificateIdParam, (await ctx.params).id);
  const [input, branding, logo] = await Promise.all([
    pdfInputFor(appCertificateDeps(), user, id),
    getBranding(db()),
    getLogo(db()),
  ]);
  const pdf = await renderCertificatePdf({
    ...input,
    issuerName: branding.name ?? input.issuerName,
    brand: { color: branding.primaryColor, logo: logo?.bytes ?? null },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="certificate-${id}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
});
