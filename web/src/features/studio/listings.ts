/**
 * On-chain listings of a course in CourseMarketplace, written through the outbox: one listing per crypto
 * currency the course is priced in (POL = native coin, token address(0); ESN = the ESNToken address).
 * Each write is an outbox row with the idempotency key `listing:<courseId>:<currency>:<version>`, where the
 * version counts that currency's listing writes (1, 2, …): a changed price, payout address or refund window
 * gives a new key (a new transaction), an unchanged one enqueues nothing. Currencies no longer priced (or a
 * course no longer published) get a deactivating write (`active = false`).
 */
import { getAddress, zeroAddress, type Address } from "viem";
import type { Prisma, PrismaClient } from "@smolitux/db";
import {
  listCourse,
  enqueue,
  outboxPayloadSchema,
  outboxStatus,
  type OutboxStatusView,
} from "@/server/outbox/index.ts";
import type { PlatformContracts } from "@/server/contracts.ts";
import type { SignerRole } from "@/server/keys.ts";
import { toUnits } from "@/lib/money.ts";
import { ApiError } from "@/server/http.ts";

/** Crypto currencies with an on-chain listing. */
export const CRYPTO_CURRENCIES = ["POL", "ESN"] as const;
export type CryptoCurrency = (typeof CRYPTO_CURRENCIES)[number];

/** Chain dependencies of listing writes. */
export interface ListingDeps {
  contracts: PlatformContracts;
  /** address of a signer role (`(r) => signerAddress(r, env())`) */
  signerOf: (role: SignerRole) => Address;
}

/** Payment token of a crypto currency (address(0) = native coin). */
export function tokenOf(contracts: PlatformContracts, currency: CryptoCurrency): Address {
  return currency === "POL" ? zeroAddress : contracts.ESNToken.address;
}

const keyPrefix = (courseId: string) => `listing:${courseId}:`;

interface ListingWrite {
  key: string;
  currency: CryptoCurrency;
  version: number;
  provider: string;
  token: string;
  price: string;
  refundWindowSeconds: string;
  active: boolean;
  status: string;
}

/** The latest listing write per currency (from the outbox rows). */
async function latestWrites(
  db: Pick<PrismaClient, "outboxTx">,
  courseId: string,
): Promise<Map<CryptoCurrency, ListingWrite>> {
  const rows = await db.outboxTx.findMany({
    where: { kind: "listCourse", idempotencyKey: { startsWith: keyPrefix(courseId) } },
    select: { idempotencyKey: true, payload: true, status: true },
  });
  const latest = new Map<CryptoCurrency, ListingWrite>();
  for (const row of rows) {
    const [, , currency, v] = row.idempotencyKey.split(":");
    if (currency !== "POL" && currency !== "ESN") continue;
    const version = Number(v);
    const args = outboxPayloadSchema.parse(row.payload).args;
    const prev = latest.get(currency);
    if (prev && prev.version > version) continue;
    latest.set(currency, {
      key: row.idempotencyKey,
      currency,
      version,
      provider: String(args.provider),
      token: String(args.token),
      price: String(args.price),
      refundWindowSeconds: String(args.refundWindowSeconds),
      active: args.active === true,
      status: row.status,
    });
  }
  return latest;
}

/**
 * Brings the course's listings in line with its prices: call inside the transaction that changed the course
 * (holding the course lock). `active: true` lists every crypto price; `active: false` deactivates all.
 * @returns the idempotency keys enqueued
 * @throws ApiError 422 when a crypto price needs a payout address and the provider has none
 */
export async function syncListings(
  tx: Prisma.TransactionClient,
  deps: ListingDeps,
  courseId: string,
  opts: { active: boolean },
): Promise<string[]> {
  const course = await tx.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      refundWindowDays: true,
      provider: { select: { payoutAddress: true } },
      prices: { select: { currency: true, amount: true } },
    },
  });
  const latest = await latestWrites(tx, courseId);
  // The course's on-chain provider is fixed by its first listing: the catalog key may not move the payout
  // address (CourseMarketplace requires the provider's own transaction or EIP-712 signature for that),
  // so every later listing write carries the provider already recorded.
  // A payout change the provider signed (features/earnings/payout-rotation.ts) moves it: listing writes
  // enqueued after it carry the new provider (the same catalog key sends them after the change).
  const recorded =
    (await rotatedProvider(tx, courseId)) ?? [...latest.values()].find((w) => w.status !== "FAILED")?.provider;
  const enqueued: string[] = [];
  for (const currency of CRYPTO_CURRENCIES) {
    const price = opts.active ? course.prices.find((p) => p.currency === currency) : undefined;
    const last = latest.get(currency);
    let want: Omit<ListingWrite, "key" | "currency" | "version" | "status">;
    if (price) {
      if (!course.provider.payoutAddress) {
        throw new ApiError("unprocessable", "Set a payout address to sell for crypto.", {
          payoutAddress: "payout_required",
        });
      }
      want = {
        provider: recorded ?? getAddress(course.provider.payoutAddress),
        token: tokenOf(deps.contracts, currency),
        price: toUnits(price.amount).toString(),
        refundWindowSeconds: String(course.refundWindowDays * 86_400),
        active: true,
      };
    } else {
      if (!last || (!last.active && last.status !== "FAILED")) continue;
      want = {
        provider: recorded ?? last.provider,
        token: last.token,
        price: last.price,
        refundWindowSeconds: last.refundWindowSeconds,
        active: false,
      };
    }
    if (
      last &&
      last.status !== "FAILED" &&
      last.provider === want.provider &&
      last.token === want.token &&
      last.price === want.price &&
      last.refundWindowSeconds === want.refundWindowSeconds &&
      last.active === want.active
    ) {
      continue;
    }
    const key = `${keyPrefix(courseId)}${currency}:${(last?.version ?? 0) + 1}`;
    const request = listCourse(deps.contracts, {
      courseDbId: courseId,
      provider: want.provider as Address,
      token: want.token as Address,
      price: BigInt(want.price),
      refundWindowSeconds: Number(want.refundWindowSeconds),
      active: want.active,
    });
    await enqueue(tx, { idempotencyKey: key, ...request }, deps.signerOf);
    enqueued.push(key);
  }
  return enqueued;
}

/**
 * The new provider of the course's latest payout change that did not fail (`setProviderWithSig` outbox
 * rows, keyed `provider:<courseId>:…`), or null when the provider never changed it.
 */
async function rotatedProvider(db: Pick<PrismaClient, "outboxTx">, courseId: string): Promise<string | null> {
  const rows = await db.outboxTx.findMany({
    where: {
      kind: "setProviderWithSig",
      idempotencyKey: { startsWith: `provider:${courseId}:` },
      status: { not: "FAILED" },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { payload: true },
  });
  const p = rows[0] ? outboxPayloadSchema.parse(rows[0].payload).args.newProvider : undefined;
  return typeof p === "string" ? getAddress(p) : null;
}

/** Progress of one currency's latest listing write, as the studio shows it. */
export interface ListingView {
  currency: CryptoCurrency;
  version: number;
  active: boolean;
  /** base units (wei) as a decimal string */
  price: string;
  token: string;
  outbox: OutboxStatusView;
}

/** The latest listing write of each currency with its outbox progress (PENDING → SENT → CONFIRMED | FAILED). */
export async function listingViews(db: Pick<PrismaClient, "outboxTx">, courseId: string): Promise<ListingView[]> {
  const latest = await latestWrites(db, courseId);
  const views: ListingView[] = [];
  for (const w of latest.values()) {
    const outbox = await outboxStatus(db, w.key);
    if (outbox)
      views.push({
        currency: w.currency,
        version: w.version,
        active: w.active,
        price: w.price,
        token: w.token,
        outbox,
      });
  }
  return views.sort((a, b) => a.currency.localeCompare(b.currency));
}
