/**
 * Test identities through the REAL session path: a next-auth JWT encrypted with the test secret
 * (next-auth/jwt `encode`, the same format the sign-in callback issues) sent as the session cookie.
 */
import { encode } from "next-auth/jwt";
import type { Role } from "@/server/auth/roles.ts";
import { sessionCookieName } from "@/server/auth/secret.ts";

/** NEXTAUTH_SECRET used by tests (never used outside tests). */
export const TEST_AUTH_SECRET = "test-only-secret-0123456789abcdef0123456789";
/** APP_URL used by tests (http → unprefixed cookie name). */
export const TEST_APP_URL = "http://localhost:3000";

/** `Cookie` header value carrying a session for `user`. */
export async function sessionCookie(
  user: { id: string; roles?: Role[]; name?: string | null; email?: string | null },
  opts: { secret?: string; appUrl?: string; maxAgeSeconds?: number; sessionVersion?: number; authTime?: number } = {},
): Promise<string> {
  const token = await encode({
    token: {
      sub: user.id,
      roles: user.roles ?? ["LEARNER"],
      name: user.name ?? null,
      email: user.email ?? null,
      sv: opts.sessionVersion ?? 0,
      authTime: opts.authTime ?? Math.floor(Date.now() / 1000),
    },
    secret: opts.secret ?? TEST_AUTH_SECRET,
    maxAge: opts.maxAgeSeconds,
  });
  return `${sessionCookieName(opts.appUrl ?? TEST_APP_URL)}=${token}`;
}

/** A Request to `path` (relative to TEST_APP_URL) with an optional session cookie and JSON body. */
export function apiRequest(
  method: string,
  path: string,
  opts: {
    cookie?: string | null;
    body?: unknown;
    rawBody?: string | Uint8Array;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers = new Headers(opts.headers);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body: string | Uint8Array | undefined = opts.rawBody;
  if (opts.body !== undefined && opts.rawBody === undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(opts.body);
  }
  return new Request(new URL(path, TEST_APP_URL), { method, headers, body: body as BodyInit | undefined });
}

/**
 * The process env of the matrix and fuzz tests (route handlers read the process-wide env()/db()): this test
 * file's database, the test secret and APP_URL, the dev chain id with an RPC nobody listens on (EOA signatures
 * verify locally; chain reads fail → 503), and a fresh credential issuer key (course-pack export signs with it).
 */
export async function matrixEnv(databaseUrl: string): Promise<Record<string, string>> {
  const { generate } = await import("@digitalbazaar/ed25519-multikey");
  const key = await generate();
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    APP_URL: TEST_APP_URL,
    CHAIN_ID: "31337",
    RPC_URL: "http://127.0.0.1:9",
    CREDENTIAL_ISSUER_KEY: key.secretKeyMultibase as string,
  };
}
