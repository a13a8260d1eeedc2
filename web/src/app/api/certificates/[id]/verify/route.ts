/** GET /api/certificates/<id>/verify — public verification result (see features/certificates/verify.ts). */
import { NextResponse } from "next/server";
import { verifyCertificate } from "@/features/certificates/verify.ts";
import { certificateIdParam } from "@/features/certificates/schemas.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { ApiError, route, parseInput } from "@/server/http.ts";

export const GET = route(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseInput(certificateIdParam, (await ctx.params).id);
  const result = await verifyCertificate(appCertificateDeps(), id);
  if (!result) throw new ApiError("not_found", "Certificate not found.");
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
});
