/**
 * Stripe Connect onboarding of providers (issue 15, item 1): a provider gets ONE Express account
 * (`POST /v1/accounts` type=express, created under a per-provider advisory lock with the idempotency key
 * `connect:account:<userId>`, so double clicks, parallel tabs and a crash between Stripe's answer and our
 * commit all end with the same account) and a fresh single-use Account Link (hosted onboarding) on every
 * click. The stored status (details submitted, charges/payouts enabled, requirements due) is kept current
 * by the `account.updated` webhook ({@link applyAccountUpdate}) and refreshed when the provider returns.
 * Card revenue of providers without payouts enabled is held (never lost) until they connect.
 */
import { z } from "zod";
import type { Prisma, PrismaClient, StripeConnectAccount } from "@smolitux/db";
import type { Stripe } from "@/server/stripe.ts";
import type { CardLogger } from "../checkout/card/deps.ts";

/** What the onboarding services use. */
export interface ConnectDeps {
  db: PrismaClient;
  stripe: Stripe;
  /** Public base URL of the app without trailing slash (return/refresh URLs). */
  appUrl: string;
  log: CardLogger;
}

/** A provider's Connect status as shown on /earnings (null fields: not connected). */
export interface ConnectStatus {
  connected: boolean;
  accountId: string | null;
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  /** Stripe requirement paths currently due (e.g. `external_account`). */
  requirementsDue: string[];
  disabledReason: string | null;
}

/** The part of a Stripe `account` object we read (validated; extra fields ignored). */
export const stripeAccountSchema = z.object({
  id: z.string().regex(/^acct_[A-Za-z0-9]+$/),
  object: z.literal("account"),
  details_submitted: z.boolean().nullish(),
  charges_enabled: z.boolean().nullish(),
  payouts_enabled: z.boolean().nullish(),
  requirements: z
    .object({ currently_due: z.array(z.string()).nullish(), disabled_reason: z.string().nullish() })
    .nullish(),
});

/** Idempotency key of a provider's Express account creation. */
export const connectAccountKey = (userId: string) => `connect:account:${userId}`;

/** Row fields from a Stripe account object. */
function statusFields(a: z.infer<typeof stripeAccountSchema>) {
  return {
    detailsSubmitted: a.details_submitted ?? false,
    chargesEnabled: a.charges_enabled ?? false,
    payoutsEnabled: a.payouts_enabled ?? false,
    requirementsDue: a.requirements?.currently_due ?? [],
    disabledReason: a.requirements?.disabled_reason ?? null,
  };
}

/** The status view of a row (or of no row). */
export function toConnectStatus(row: StripeConnectAccount | null): ConnectStatus {
  return {
    connected: row !== null,
    accountId: row?.accountId ?? null,
    detailsSubmitted: row?.detailsSubmitted ?? false,
    chargesEnabled: row?.chargesEnabled ?? false,
    payoutsEnabled: row?.payoutsEnabled ?? false,
    requirementsDue: row?.requirementsDue ?? [],
    disabledReason: row?.disabledReason ?? null,
  };
}

/** The stored Connect status of `userId`. */
export async function connectStatus(db: PrismaClient, userId: string): Promise<ConnectStatus> {
  return toConnectStatus(await db.stripeConnectAccount.findUnique({ where: { userId } }));
}

/**
 * Ensures the provider has an Express account and returns a new onboarding link.
 * @param userId a user with the PROVIDER role (the caller checks the role)
 * @returns `url` of the hosted onboarding page (single use, expires after minutes) and the account id
 * @throws Stripe errors (network, API) — nothing half-written: the row is only stored with an account id
 */
export async function startConnectOnboarding(
  deps: ConnectDeps,
  userId: string,
): Promise<{ url: string; accountId: string; created: boolean }> {
  const { row, created } = await deps.db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`connect:${userId}`}, 0))::text AS locked`;
      const existing = await tx.stripeConnectAccount.findUnique({ where: { userId } });
      if (existing) return { row: existing, created: false };
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
      const account = stripeAccountSchema.parse(
        await deps.stripe.accounts.create(
          {
            type: "express",
            ...(user.email ? { email: user.email } : {}),
            capabilities: { transfers: { requested: true } },
            metadata: { userId },
          },
          { idempotencyKey: connectAccountKey(userId) },
        ),
      );
      const data = { userId, accountId: account.id, ...statusFields(account) };
      return { row: await tx.stripeConnectAccount.create({ data }), created: true };
    },
    { timeout: 30_000 },
  );
  if (created) deps.log.info("stripe connect account created", { userId, accountId: row.accountId });
  const link = await deps.stripe.accountLinks.create({
    account: row.accountId,
    type: "account_onboarding",
    refresh_url: `${deps.appUrl}/earnings?connect=refresh`,
    return_url: `${deps.appUrl}/earnings?connect=return`,
  });
  return { url: link.url, accountId: row.accountId, created };
}

/**
 * Re-reads the provider's account from Stripe and stores its status (the provider came back from
 * onboarding; the webhook may still be on its way). No-op without an account.
 * @throws Stripe errors (the caller shows the stored status instead)
 */
export async function refreshConnectAccount(deps: Omit<ConnectDeps, "appUrl">, userId: string): Promise<ConnectStatus> {
  const row = await deps.db.stripeConnectAccount.findUnique({ where: { userId } });
  if (!row) return toConnectStatus(null);
  const account = stripeAccountSchema.parse(await deps.stripe.accounts.retrieve(row.accountId));
  return toConnectStatus(
    await deps.db.stripeConnectAccount.update({ where: { id: row.id }, data: statusFields(account) }),
  );
}

/**
 * `account.updated` (Connect event) inside the webhook transaction: stores the account's status.
 * @returns "account_updated", or "unknown_account" for an account we did not create (ignored, logged)
 * @throws ZodError for a malformed account object (the webhook stores the event as failed)
 */
export async function applyAccountUpdate(
  tx: Prisma.TransactionClient,
  object: unknown,
): Promise<"account_updated" | "unknown_account"> {
  const account = stripeAccountSchema.parse(object);
  const { count } = await tx.stripeConnectAccount.updateMany({
    where: { accountId: account.id },
    data: statusFields(account),
  });
  return count === 1 ? "account_updated" : "unknown_account";
}
