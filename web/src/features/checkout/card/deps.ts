/** Dependencies of the card checkout services (passed in; defaults in wiring.ts). */
import type { Address } from "viem";
import type { Prisma, PrismaClient } from "@smolitux/db";
import type { PlatformContracts } from "@/server/contracts.ts";
import type { SignerRole } from "@/server/keys.ts";
import type { Stripe } from "@/server/stripe.ts";

/** Structured logger (one JSON line per call in production). Never pass secrets or card data. */
export interface CardLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the services need to enqueue platform-signed transactions. */
export interface OutboxDeps {
  contracts: PlatformContracts;
  /** Checksummed address of a signer role (`signerAddress(role, env())`). */
  signerOf: (role: SignerRole) => Address;
}

/** Everything the card services use. */
export interface CardDeps {
  db: PrismaClient;
  stripe: Stripe;
  /** Public base URL of the app (success/cancel URLs), without trailing slash. */
  appUrl: string;
  /** Webhook signing secret (whsec_…). */
  webhookSecret: string;
  outbox: OutboxDeps;
  /**
   * The on-chain learner address that receives a card purchase of `userId` (read inside the webhook's
   * transaction). Production: the user's stable placeholder address — never a wallet, so linking,
   * unlinking or moving a wallet never moves or revokes card-paid access.
   */
  learnerAddress: (tx: Prisma.TransactionClient, userId: string) => Promise<Address>;
  log: CardLogger;
}

/** One JSON line per message on stdout/stderr. */
export const jsonLogger: CardLogger = {
  info: (message, fields) => console.log(JSON.stringify({ level: "info", scope: "card", message, ...fields })),
  warn: (message, fields) => console.warn(JSON.stringify({ level: "warn", scope: "card", message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: "error", scope: "card", message, ...fields })),
};
