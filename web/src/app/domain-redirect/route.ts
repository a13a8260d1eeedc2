/**
 * The 308 of a provider's custom domain (server/security/custom-domain.ts): `src/proxy.ts` rewrites every path but
 * `/` of a foreign Host here with the original path and query in `x-domain-redirect`; the answer sends the browser
 * to the same path on APP_URL with an absolute `Location` (a proxy's own redirect would be made relative by
 * Next.js). Called directly, it can only redirect to a path on APP_URL; without the header it is a 404.
 */
import { NextResponse } from "next/server";
import { env } from "@/server/env";
import { ApiError, route } from "@/server/http";
import { DOMAIN_REDIRECT_HEADER, domainRedirectLocation } from "@/server/security/custom-domain";

export const dynamic = "force-dynamic";

const redirect = route(async (req: Request) => {
  const location = domainRedirectLocation(req.headers.get(DOMAIN_REDIRECT_HEADER), env().APP_URL);
  if (!location) throw new ApiError("not_found", "Not found.");
  return new NextResponse(null, { status: 308, headers: { location, "cache-control": "no-store" } });
});

export const GET = redirect;
export const POST = redirect;
export const PUT = redirect;
export const PATCH = redirect;
export const DELETE = redirect;
