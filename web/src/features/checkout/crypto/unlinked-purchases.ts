/**
 * Wallet purchases of a signed-in user from a wallet that is not linked to the account (the buy box's
 * "this wallet only" choice, issue 10 §3.1). The purchase belongs to the wallet's address — the indexer
 * grants it to whichever account that wallet is linked to — so the account that paid must not be left
 * wondering: after the purchase is mined the buy box reports its transaction here, and the dashboard and
 * the course page show "bought with wallet 0x…, not linked to your account — link it" until the wallet is
 * linked (linking re-derives the enrollments in the same transaction, see features/auth/wallets.ts).
 *
 * The report is verified against the chain: the transaction's receipt must hold a PurchaseRecorded log
 * of the platform's escrow contract in which the buyer paid for itself (gifts are not "where did my
 * purchase go"). Nothing here grants access; it only explains where a purchase went.
 */
import {
  TransactionReceiptNotFoundError,
  getAddress,
  isAddressEqual,
  parseEventLogs,
  type Hex,
  type PublicClient,
} from "viem";
import type { PrismaClient } from "@smolitux/db";
import type { PlatformContracts } from "@/server/contracts.ts";
import { ApiError } from "@/server/http-error.ts";
import { ACCESS_PURCHASE_STATUSES, type PurchaseStatus } from "../../enrollment/purchases.ts";

/** Dependencies of {@link reportWalletPurchase}. */
export interface UnlinkedPurchaseDeps {
  db: PrismaClient;
  client: Pick<PublicClient, "getTransactionReceipt">;
  contracts: PlatformContracts;
}

/** Result of {@link reportWalletPurchase}. */
export interface ReportResult {
  /** whether a notice is stored (false: the paying wallet is linked to the account, or it was a gift) */
  notice: boolean;
  /** the checksummed address that holds the purchase */
  learner: string | null;
}

/**
 * Records that `userId` bought a course with the wallet that sent `txHash`, when that wallet is not one
 * of the account's linked wallets. Idempotent per (user, chain, transaction).
 * @throws ApiError 404 when the transaction is unknown to the chain or holds no purchase of the platform,
 *   503 when the chain does not answer
 */
export async function reportWalletPurchase(
  deps: UnlinkedPurchaseDeps,
  userId: string,
  txHash: Hex,
): Promise<ReportResult> {
  const { db, client, contracts } = deps;
  let receipt;
  try {
    receipt = await client.getTransactionReceipt({ hash: txHash });
  } catch (err) {
    if (err instanceof TransactionReceiptNotFoundError) throw new ApiError("not_found", "No such transaction.");
    throw new ApiError("unavailable", "The chain did not answer; try again.");
  }
  const purchases = parseEventLogs({
    abi: contracts.CourseMarketplace.abi,
    eventName: "PurchaseRecorded",
    logs: receipt.logs.filter((l) => isAddressEqual(l.address, contracts.CourseMarketplace.address)),
  });
  const own = purchases.find((p) => isAddressEqual(p.args.learner, p.args.buyer));
  if (!own) {
    if (purchases.length > 0) return { notice: false, learner: null }; // a gift
    throw new ApiError("not_found", "The transaction holds no course purchase.");
  }
  const learner = getAddress(own.args.learner);
  const course = await db.course.findUnique({
    where: { onchainCourseId: own.args.courseId.toLowerCase() },
    select: { id: true },
  });
  if (!course) throw new ApiError("not_found", "The purchase is for a course this platform does not know.");
  const linked = await db.wallet.findFirst({ where: { userId, address: learner }, select: { id: true } });
  if (linked) return { notice: false, learner };
  await db.walletPurchaseNotice.upsert({
    where: { userId_chainId_txHash: { userId, chainId: contracts.chainId, txHash: receipt.transactionHash } },
    create: { userId, courseId: course.id, chainId: contracts.chainId, txHash: receipt.transactionHash, learner },
    update: {},
  });
  return { notice: true, learner };
}

/** A purchase the account made with a wallet that is still not linked to it. */
export interface UnlinkedPurchase {
  courseId: string;
  slug: string;
  title: string;
  /** checksummed wallet address that holds the purchase */
  learner: string;
  /** `confirming` until the indexer has the purchase, then `active` */
  state: "confirming" | "active";
}

/**
 * The account's purchases from wallets that are not (or no longer) linked to it and still grant access
 * (refunded ones are left out), newest first; optionally of one course.
 */
export async function unlinkedPurchases(
  db: PrismaClient,
  userId: string,
  opts: { courseId?: string } = {},
): Promise<UnlinkedPurchase[]> {
  const notices = await db.walletPurchaseNotice.findMany({
    where: { userId, ...(opts.courseId ? { courseId: opts.courseId } : {}) },
    orderBy: { createdAt: "desc" },
    select: {
      chainId: true,
      txHash: true,
      learner: true,
      course: { select: { id: true, slug: true, title: true } },
    },
  });
  if (notices.length === 0) return [];
  const addresses = [...new Set(notices.map((n) => n.learner))];
  const [wallets, purchases] = await Promise.all([
    db.wallet.findMany({ where: { userId, address: { in: addresses } }, select: { address: true, userId: true } }),
    db.purchase.findMany({
      where: { txHash: { in: notices.map((n) => n.txHash) }, learner: { in: addresses } },
      select: { chainId: true, txHash: true, status: true },
    }),
  ]);
  const owner = new Map(wallets.map((w) => [getAddress(w.address), w.userId]));
  const out: UnlinkedPurchase[] = [];
  const seen = new Set<string>();
  for (const n of notices) {
    if (owner.get(getAddress(n.learner)) === userId) continue; // linked since
    const purchase = purchases.find(
      (p) => p.chainId === n.chainId && p.txHash.toLowerCase() === n.txHash.toLowerCase(),
    );
    if (purchase && !ACCESS_PURCHASE_STATUSES.includes(purchase.status as PurchaseStatus)) continue; // refunded
    const key = `${n.course.id}:${n.learner}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      courseId: n.course.id,
      slug: n.course.slug,
      title: n.course.title,
      learner: getAddress(n.learner),
      state: purchase ? "active" : "confirming",
    });
  }
  return out;
}
