/**
 * POST /api/certificates/<id>/revoke `{ reason }` — platform admin or the course's provider. An issued
 * token is revoked on-chain through the outbox (202 `{ status: "REVOKING", outboxId }`); a certificate
 * never minted is revoked at once (200 `{ status: "REVOKED" }`). Audit-logged.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { requestRevocation, REVOKE_REASON_MAX } from "@/features/certificates/service.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { jsonBody, route } from "@/server/http.ts";

const body = z.object({ reason: z.string().trim().min(3).max(REVOKE_REASON_MAX) });

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const { id } = await ctx.params;
  const { reason } = await jsonBody(req, body);
  const result = await requestRevocation(appCertificateDeps(), user, id, reason);
  return NextResponse.json(result, { status: result.status === "REVOKING" ? 202 : 200 });
});
