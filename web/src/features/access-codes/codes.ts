/**
 * Access-code format. Codes are bearer secrets: 12 Crockford base32 symbols (60 random bits; no I, L, O,
 * U), shown grouped `XXXX-XXXX-XXXX`. Only `sha256:<hex>` of the normalized code is stored, so a
 * database leak does not leak usable codes; the plaintext is shown ONCE at creation (the studio offers
 * a copy button and a CSV download then).
 */
import { createHash, randomInt } from "node:crypto";

/** Crockford base32 alphabet. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Symbols per code. */
export const CODE_LENGTH = 12;

/** A new random code, grouped `XXXX-XXXX-XXXX` (crypto-random). */
export function generateCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++) raw += CROCKFORD[randomInt(CROCKFORD.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/**
 * The canonical form of user input: upper case, without spaces and hyphens, with Crockford's
 * look-alikes mapped (I, L → 1; O → 0). Returns null when it is not a well-formed code.
 */
export function normalizeCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CROCKFORD.includes(ch)) return null;
  return s;
}

/** Stored form of a normalized code: `sha256:` + lowercase hex. */
export function hashCode(normalized: string): string {
  return `sha256:${createHash("sha256").update(normalized).digest("hex")}`;
}
