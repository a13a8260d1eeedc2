/**
 * Local dev chain only: lists the seeded demo courses on CourseMarketplace so that wallet checkout works
 * right after `./run dev`. Demo providers get a payout address from the public Hardhat test mnemonic
 * (account #7) — never on a real chain: the caller passes `devChainKeys` from the validated env, which
 * env.ts allows only with CHAIN_ID=31337. Idempotent: unchanged listings enqueue nothing.
 */
import type { PrismaClient } from "@smolitux/db";
import { getAddress } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { lockCourse } from "./access.ts";
import { syncListings, type ListingDeps } from "./listings.ts";

/** The standard Hardhat/Foundry test mnemonic (public; local chain 31337 only). */
const HARDHAT_TEST_MNEMONIC = "test test test test test test test test test test test junk";
/** Hardhat account index used as the demo providers' payout address. */
export const DEMO_PAYOUT_ACCOUNT_INDEX = 7;

/**
 * Gives each demo provider without a payout address the dev payout account and enqueues the on-chain
 * listings of the given published, crypto-priced courses.
 * @returns the outbox idempotency keys enqueued now (empty when everything was already listed)
 * @throws Error when called without `devChainKeys` (a real chain must never get test-mnemonic addresses)
 */
export async function listDemoCourses(
  db: PrismaClient,
  deps: ListingDeps,
  courseIds: string[],
  devChainKeys: boolean,
): Promise<string[]> {
  if (!devChainKeys) throw new Error("listDemoCourses runs only on the local dev chain (DEV_CHAIN_KEYS=true)");
  const payout = getAddress(
    mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: DEMO_PAYOUT_ACCOUNT_INDEX }).address,
  );
  const enqueued: string[] = [];
  for (const courseId of courseIds) {
    const keys = await db.$transaction(async (tx) => {
      await lockCourse(tx, courseId);
      const course = await tx.course.findUniqueOrThrow({
        where: { id: courseId },
        select: {
          status: true,
          providerId: true,
          provider: { select: { payoutAddress: true } },
          prices: { select: { currency: true } },
        },
      });
      const crypto = course.prices.some((p) => p.currency === "POL" || p.currency === "ESN");
      if (course.status !== "PUBLISHED" || !crypto) return [];
      if (!course.provider.payoutAddress) {
        await tx.user.update({ where: { id: course.providerId }, data: { payoutAddress: payout } });
      }
      return syncListings(tx, deps, courseId, { active: true });
    });
    enqueued.push(...keys);
  }
  return enqueued;
}
