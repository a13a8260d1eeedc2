/** next-auth endpoints (/api/auth/signin, /callback/<provider>, /session, /csrf, /signout, /providers). */
import NextAuth, { type AuthOptions } from "next-auth";
import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { localeFromHeaders } from "@/i18n/config";
import { buildAuthOptions } from "@/features/auth/auth-options.ts";
import { publicClient } from "@/server/chain.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { route } from "@/server/http.ts";

type Ctx = { params: Promise<{ nextauth: string[] }> };

let options: AuthOptions | undefined;

const handler = route(async (req: NextRequest, ctx: Ctx): Promise<Response> => {
  const e = env();
  // next-auth v4 reads its public origin from NEXTAUTH_URL; ours is APP_URL (one source of truth).
  process.env.NEXTAUTH_URL ??= e.APP_URL;
  options ??= buildAuthOptions({
    db: db(),
    client: publicClient(),
    env: e,
    requestLocale: async () => localeFromHeaders(new Headers(await headers())),
  });
  const nextAuth: (req: NextRequest, ctx: Ctx) => Promise<Response> = NextAuth(options);
  return nextAuth(req, ctx);
});

export { handler as GET, handler as POST };
