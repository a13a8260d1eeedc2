/**
 * Password hashing with Argon2id (RFC 9106) via @node-rs/argon2 (prebuilt native binaries).
 * Parameters follow the OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1 (≈ 80 ms per hash on
 * the dev machine). The PHC string stores the parameters, so they can be raised later without a migration.
 */
import { hash, verify, type Algorithm } from "@node-rs/argon2";

/** `Algorithm.Argon2id` (a const enum, not importable under isolatedModules). */
const ARGON2ID: Algorithm = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) for `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Checks `password` against a stored PHC hash. With `hash === null` (unknown user or no password) it
 * verifies against a fixed dummy hash and returns false, so both failures cost the same time.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummy ??= hashPassword("dummy password for unknown users");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // malformed stored hash
  }
}
