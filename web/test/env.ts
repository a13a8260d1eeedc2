/**
 * Production-shaped secrets for env tests, generated per run (nothing committed): every secret the
 * env schema requires when NODE_ENV=production, so a test can focus on the one rule it checks.
 */
import { randomBytes } from "node:crypto";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const base58 = (n: number) => Array.from(randomBytes(n), (b) => BASE58[b % BASE58.length]).join("");

export const PRODUCTION_SECRETS = {
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  CREDENTIAL_ISSUER_KEY: `z${base58(48)}`,
} as const;
