/** Dependencies of the card checkout services (passed in; defaults in wiring.ts). */
import type { Address } from "viem";
import { logger, type Logger } from "@/server/logger.ts";
import type { Prisma, PrismaClient } from "@smolitux/db";
import type { PlatformContracts } from "@/server/contracts.ts";
import type { SignerRole } from "@/server/keys.ts";
import type { Stripe } from "@/server/stripe.ts";

/** The part of the app logger (server/logger.ts) the card services use. Never pass secrets or card data. */
export type CardLogger = Pick<Logger, "info" | "warn" | "error">;

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
  /** Platform fee on card sales in basis points (CONNECT_PLATFORM_FEE_BPS), fixed on each sale at checkout. */
  platformFeeBps: number;
}

/** One JSON line per message on stdout/stderr. */
export const jsonLogger: CardLogger = logger("card");
