/**
 * Reads the next-auth session JWT (an encrypted JWE, A256GCM, key derived from the secret by HKDF — the
 * next-auth v4 format) from a `Cookie` header, joining chunked cookies (`name.0`, `name.1`, …) in order.
 */
import { decode } from "next-auth/jwt";
import { z } from "zod";
import { ROLES } from "./roles.ts";

/** The claims of our session JWT that the server relies on. */
const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)).default([]),
  /** the user's session version when the session was issued (User.sessionVersion); tokens before it: 0 */
  sv: z.number().int().min(0).default(0),
  /** sign-in time (seconds since epoch): the absolute lifetime counts from here; older tokens: `iat` */
  authTime: z.number().int().positive().optional(),
  iat: z.number().int().positive().optional(),
  exp: z.number().int().positive().optional(),
});

export type SessionClaims = z.infer<typeof claimsSchema>;

/** Parses a `Cookie` request header into name → value (values URI-decoded when possible). */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // keep the raw value
    }
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The session token in `cookies` (whole or re-joined from numbered chunks), or null. */
export function readSessionToken(cookies: Map<string, string>, cookieName: string): string | null {
  const whole = cookies.get(cookieName);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${cookieName}.${i}`); i++) chunks.push(cookies.get(`${cookieName}.${i}`) ?? "");
  return chunks.length > 0 ? chunks.join("") : null;
}

/**
 * Decrypts and validates a session token. Returns null for a missing, tampered, expired or foreign token
 * (never throws for bad input).
 */
export async function decodeSessionToken(token: string | null, secret: string): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    const parsed = claimsSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
