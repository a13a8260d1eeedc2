/**
 * Card-checkout test harness: a fresh database, the local Stripe stub, the card services' dependencies
 * wired to both (random test keys generated per run), and fixtures (provider, learner, priced course).
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import { placeholderAddress } from "@/features/enrollment/learner-address.ts";
import type { CardDeps, CardLogger } from "@/features/checkout/card/deps.ts";
import { platformContracts } from "@/server/contracts.ts";
import { signerAddress } from "@/server/keys.ts";
import { createStripeClient } from "@/server/stripe.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { TEST_APP_URL } from "../authz/session.ts";
import { startStripeStub, type StripeStub } from "./server.ts";

/** A random Stripe-shaped test key / webhook secret (never a real credential). */
export const randomStripeKey = () => `sk_test_${randomBytes(16).toString("hex")}`;
export const randomWebhookSecret = () => `whsec_${randomBytes(16).toString("hex")}`;

/** Captured log lines. */
export interface CapturedLog {
  level: "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

export interface CardHarness {
  t: TestDatabase;
  stub: StripeStub;
  deps: CardDeps;
  logs: CapturedLog[];
  close(): Promise<void>;
}

/** Starts database + stub and wires {@link CardDeps} (local chain 31337 contracts, dev signer addresses). */
export async function startCardHarness(): Promise<CardHarness> {
  const t = await createTestDatabase();
  const key = randomStripeKey();
  const webhookSecret = randomWebhookSecret();
  const stub = await startStripeStub(key);
  const logs: CapturedLog[] = [];
  const at =
    (level: CapturedLog["level"]) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      void logs.push({ level, message, fields });
  const log: CardLogger = { info: at("info"), warn: at("warn"), error: at("error") };
  const stripe = createStripeClient({
    CARD_PAYMENTS: true,
    STRIPE_SECRET_KEY: key,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: stub.url,
  });
  const chainEnv = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;
  const deps: CardDeps = {
    db: t.db,
    stripe,
    appUrl: TEST_APP_URL,
    webhookSecret,
    outbox: { contracts: platformContracts(31337), signerOf: (role) => signerAddress(role, chainEnv) },
    learnerAddress: async (_tx, userId) => placeholderAddress(userId),
    log,
    platformFeeBps: 1_000,
  };
  return {
    t,
    stub,
    deps,
    logs,
    async close() {
      await stub.close();
      await t.drop();
    },
  };
}

/** A provider, a learner and a published course priced EUR 1999 / USD 2199 cents. */
export async function seedCourse(db: PrismaClient, opts: { status?: "PUBLISHED" | "DRAFT"; isFree?: boolean } = {}) {
  const tag = randomBytes(4).toString("hex");
  const provider = await db.user.create({ data: { name: `Provider ${tag}`, roles: ["LEARNER", "PROVIDER"] } });
  const learner = await db.user.create({ data: { name: `Learner ${tag}`, email: `learner-${tag}@example.org` } });
  const course = await db.course.create({
    data: {
      slug: `card-course-${tag}`,
      title: `Card Course ${tag}`,
      status: opts.status ?? "PUBLISHED",
      isFree: opts.isFree ?? false,
      providerId: provider.id,
      publishedAt: new Date(),
      prices: {
        create: [
          { currency: "EUR", amount: "1999" },
          { currency: "USD", amount: "2199" },
        ],
      },
    },
  });
  return { provider, learner, course };
}
