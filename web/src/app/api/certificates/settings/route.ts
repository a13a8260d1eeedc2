/**
 * PUT /api/certificates/settings `{ showName: boolean }` — the learner's opt-in to show their name on
 * certificates (applies to certificates not minted yet). 200 `{ showName, rebuilding }`.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { setShowName } from "@/features/certificates/service.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { jsonBody, route } from "@/server/http.ts";

const body = z.object({ showName: z.boolean() });

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  const { showName } = await jsonBody(req, body);
  const rebuilding = await setShowName(appCertificateDeps(), user.id, showName);
  return NextResponse.json({ showName, rebuilding });
});
