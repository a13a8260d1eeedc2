/**
 * PUT /api/certificates/settings `{ showName: boolean, name?: string }` — the learner's explicit choice of
 * what their certificates say: their name (`name` sets the account's display name first) or none. Minting
 * waits for this choice; it applies to certificates not minted yet. 200 `{ showName, rebuilding }`;
 * 422 `showName` without any name.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { setShowName } from "@/features/certificates/service.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { jsonBody, route } from "@/server/http.ts";

const body = z.object({ showName: z.boolean(), name: z.string().trim().min(1).max(100).optional() });

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  const { showName, name } = await jsonBody(req, body);
  const rebuilding = await setShowName(appCertificateDeps(), user.id, showName, name);
  return NextResponse.json({ showName, rebuilding });
});
