/**
 * The on-chain learner address of a user — the ONE rule shared by the card checkout (what it records
 * with `recordCardPurchase`), certificate minting and the indexer (which maps it back to the user).
 *
 * Rule: the user's linked wallet when there is one (the checksummed address they signed in with via
 * SIWE; pass the oldest linked wallet), otherwise a deterministic placeholder
 * `getAddress(first 20 bytes of keccak256(utf8("smolitux:user:" + userId)))`.
 * Nobody holds a key for a placeholder, so it can never send transactions; it only labels the sale.
 *
 * Resolving back: a wallet address → `Wallet.userId` (unique index); a placeholder cannot be
 * inverted, so whoever records one on-chain registers it first ({@link registerPlaceholderAddress} →
 * `LearnerAddress`, primary-key lookup). Placeholders recorded before that table existed are found once
 * by recomputing them for the users who could have been recorded for that course (card payments and
 * certificate rows) and are then registered, so every later lookup is indexed — see
 * {@link resolveLearnerUser}. A full rebuild from the chain resolves exactly the same users.
 */
import { getAddress, keccak256, toBytes, type Address } from "viem";
import type { Prisma, PrismaClient } from "@smolitux/db";

type Db = PrismaClient | Prisma.TransactionClient;

/** Prefix hashed with the user id for placeholder addresses. */
export const PLACEHOLDER_PREFIX = "smolitux:user:";

/** The placeholder address of a user without a wallet: first 20 bytes of keccak256("smolitux:user:" + userId), checksummed. */
export function placeholderAddress(userId: string): Address {
  let out = placeholders.get(userId);
  if (!out) {
    out = getAddress(keccak256(toBytes(PLACEHOLDER_PREFIX + userId)).slice(0, 42));
    if (placeholders.size >= 100_000) placeholders.clear();
    placeholders.set(userId, out);
  }
  return out;
}
/** Memo of {@link placeholderAddress} (two keccak hashes each; the indexer asks for thousands per batch). */
const placeholders = new Map<string, Address>();

/**
 * The address to record on-chain for `userId`: `walletAddress` (checksummed) when given, else the
 * placeholder. Callers pass the user's oldest linked wallet, if any.
 * @throws when `walletAddress` is not a valid address
 */
export function learnerAddressForUser(userId: string, walletAddress?: string | null): Address {
  return walletAddress ? getAddress(walletAddress) : placeholderAddress(userId);
}

/**
 * The placeholder address of `userId`, registered in `LearnerAddress` (idempotent) so the indexer maps
 * it back with one primary-key lookup. Call it wherever a placeholder is recorded on-chain.
 */
export async function registerPlaceholderAddress(db: Db, userId: string): Promise<Address> {
  const address = placeholderAddress(userId);
  await db.learnerAddress.upsert({ where: { address }, create: { address, userId }, update: {} });
  return address;
}

/** The user's oldest linked wallet (the one {@link learnerAddressForUser} expects), or null. */
export async function primaryWallet(db: Db, userId: string): Promise<Address | null> {
  const w = await db.wallet.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { address: true },
  });
  return w ? getAddress(w.address) : null;
}

/** Every address that may stand for `userId` on-chain: linked wallets and the placeholder (checksummed). */
export async function addressesOfUser(db: Db, userId: string): Promise<Address[]> {
  const wallets = await db.wallet.findMany({ where: { userId }, select: { address: true } });
  return [...new Set([...wallets.map((w) => getAddress(w.address)), placeholderAddress(userId)])];
}

/**
 * The user an on-chain learner address belongs to, or null when unknown.
 * Indexed lookups: wallets, then registered placeholders (`LearnerAddress`). Only an unregistered
 * placeholder (recorded before registration existed) falls back to the candidate users of `courseId`
 * (card payments and certificate rows for that course), and is registered when found.
 */
export async function resolveLearnerUser(db: Db, address: string, courseId: string | null): Promise<string | null> {
  const checksummed = getAddress(address);
  const wallet = await db.wallet.findUnique({ where: { address: checksummed }, select: { userId: true } });
  if (wallet) return wallet.userId;
  const registered = await db.learnerAddress.findUnique({ where: { address: checksummed }, select: { userId: true } });
  if (registered) return registered.userId;
  if (!courseId) return null;
  const [payments, certificates] = await Promise.all([
    db.cardPayment.findMany({ where: { courseId }, select: { userId: true }, distinct: ["userId"] }),
    db.certificate.findMany({ where: { courseId }, select: { userId: true } }),
  ]);
  const candidates = new Set([...payments, ...certificates].map((r) => r.userId));
  for (const userId of candidates) {
    if (placeholderAddress(userId) === checksummed) {
      await registerPlaceholderAddress(db, userId);
      return userId;
    }
  }
  return null;
}
