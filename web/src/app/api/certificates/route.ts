/** GET /api/certificates — the signed-in learner's certificates and their name opt-in. */
import { NextResponse } from "next/server";
import { myCertificates } from "@/features/certificates/queries.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  return NextResponse.json(await myCertificates(appCertificateDeps(), user.id));
});
