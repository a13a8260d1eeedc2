/**
 * GET /api/school/logo — the school's logo (PNG/JPEG; 404 without one), public.
 * PUT /api/school/logo — a school admin uploads it (raw image body ≤ 256 KB; an empty body removes it).
 */
import { NextResponse } from "next/server";
import { getLogo, LOGO_MAX_BYTES, setLogo } from "@/features/school/branding.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { ApiError, route } from "@/server/http.ts";

export const GET = route(async () => {
  const logo = await getLogo(db());
  if (!logo) throw new ApiError("not_found", "This school has no logo.");
  return new NextResponse(new Uint8Array(logo.bytes), {
    headers: {
      "content-type": logo.mimeType,
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
    },
  });
});

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  if (Number(req.headers.get("content-length") ?? 0) > LOGO_MAX_BYTES) {
    throw new ApiError("payload_too_large", "The logo may be at most 256 KB.");
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  return NextResponse.json(await setLogo(db(), user, bytes));
});
