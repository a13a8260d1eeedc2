/** GET /api/certificates/<id>/credential — the signed Open Badges 3.0 credential JSON (owner or platform admin). */
import { NextResponse } from "next/server";
import { credentialFor } from "@/features/certificates/queries.ts";
import { certificateIdParam } from "@/features/certificates/schemas.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { route, parseInput } from "@/server/http.ts";

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const id = parseInput(certificateIdParam, (await ctx.params).id);
  return NextResponse.json(await credentialFor(appCertificateDeps(), user, id), {
    headers: {
      "content-disposition": `attachment; filename="certificate-${id}.credential.json"`,
      "cache-control": "private, no-store",
    },
  });
});
