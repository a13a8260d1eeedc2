/**
 * Provider earnings per crypto currency, from the indexed Purchase table (finalized purchases of the
 * provider's courses) and on-chain views (current escrow state, withdrawable balance, Withdrawn events):
 * - escrowed: the provider's share of purchases still in escrow before their refund deadline;
 * - releasable: share of escrowed purchases whose refund deadline (bound at purchase) passed — anyone
 *   may `release` / `releaseMany` (a certificate closes the refund but never releases early);
 * - withdrawable: `withdrawableOf(token, payoutAddress)`;
 * - withdrawn: sum of `Withdrawn(payoutAddress, token, amount)` events since deployment.
 * Amounts are base units (wei) as decimal strings; shares use the fee fixed at purchase time.
 */
import type { PrismaClient } from "@smolitux/db";
import { getAddress, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { splitAmount } from "@/features/checkout/crypto/amounts";
import { PURCHASE_STATUS } from "@/features/enrollment/purchases";
import type { PlatformContracts } from "@/server/contracts";

/** Dependencies (the route passes the process-wide ones). */
export interface EarningsDeps {
  db: PrismaClient;
  client: Pick<PublicClient, "readContract" | "getBlock" | "getContractEvents">;
  contracts: PlatformContracts;
}

/** State of one escrowed sale. `settling` = released/refunded on-chain, not yet final in the index. */
export type SaleState = "escrowed" | "releasable" | "settling";

/** One crypto sale still in escrow. */
export interface EscrowedSale {
  purchaseId: string;
  course: { slug: string; title: string; onchainCourseId: Hex };
  learner: Address;
  currency: "POL" | "ESN";
  /** provider share in base units */
  providerAmount: string;
  /** ISO-8601 UTC */
  refundDeadline: string;
  state: SaleState;
}

/** Totals of one currency (base units, decimal strings). */
export interface CurrencyEarnings {
  currency: "POL" | "ESN";
  token: Address;
  escrowed: string;
  releasable: string;
  withdrawable: string;
  withdrawn: string;
}

/** The earnings page's data. */
export interface ProviderEarnings {
  payoutAddress: Address | null;
  currencies: CurrencyEarnings[];
  sales: EscrowedSale[];
}

/**
 * Earnings of the provider `userId`.
 * @throws viem errors when the RPC is unreachable
 */
export async function providerEarnings(deps: EarningsDeps, userId: string): Promise<ProviderEarnings> {
  const { db, client, contracts } = deps;
  const m = contracts.CourseMarketplace;
  const user = await db.user.findUnique({ where: { id: userId }, select: { payoutAddress: true } });
  const payout = user?.payoutAddress ? getAddress(user.payoutAddress) : null;
  const courses = await db.course.findMany({
    where: { providerId: userId },
    select: { id: true, slug: true, title: true, onchainCourseId: true },
  });
  const byChainId = new Map(
    courses.map((c) => [(c.onchainCourseId ?? courseIdToBytes32(c.id)).toLowerCase() as Hex, c] as const),
  );
  const rows = byChainId.size
    ? await db.purchase.findMany({
        where: {
          chainId: contracts.chainId,
          card: false,
          status: PURCHASE_STATUS.ESCROWED,
          courseChainId: { in: [...byChainId.keys()] },
        },
        orderBy: { purchaseId: "asc" },
        select: { purchaseId: true, courseChainId: true, learner: true, token: true },
      })
    : [];
  const tokens = { POL: zeroAddress, ESN: contracts.ESNToken.address } as const;
  const currencyOf = (token: string | null) =>
    token && getAddress(token) === tokens.ESN ? ("ESN" as const) : ("POL" as const);
  const now = (await client.getBlock({ blockTag: "latest" })).timestamp;

  const sales = await Promise.all(
    rows.map(async (r): Promise<EscrowedSale> => {
      const learner = getAddress(r.learner);
      const courseId = r.courseChainId.toLowerCase() as Hex;
      const course = byChainId.get(courseId);
      if (!course) throw new Error(`purchase ${r.purchaseId.toFixed(0)} of unknown course ${courseId}`);
      const p = await client.readContract({
        address: m.address,
        abi: m.abi,
        functionName: "purchaseOf",
        args: [learner, courseId],
      });
      const current = BigInt(p.id) === BigInt(r.purchaseId.toFixed(0)) && p.status === 1;
      let state: SaleState = "settling";
      if (current) state = now >= BigInt(p.refundDeadline) ? "releasable" : "escrowed";
      return {
        purchaseId: r.purchaseId.toFixed(0),
        course: { slug: course.slug, title: course.title, onchainCourseId: courseId },
        learner,
        currency: currencyOf(p.token === zeroAddress ? r.token : p.token),
        providerAmount: splitAmount(p.amount, p.feeBps).providerAmount.toString(),
        refundDeadline: new Date(Number(p.refundDeadline) * 1000).toISOString(),
        state,
      };
    }),
  );

  const withdrawnLogs = payout
    ? await client.getContractEvents({
        address: m.address,
        abi: m.abi,
        eventName: "Withdrawn",
        args: { account: payout },
        fromBlock: BigInt(m.deployBlock),
        toBlock: "latest",
      })
    : [];
  const currencies = await Promise.all(
    (["POL", "ESN"] as const).map(async (currency): Promise<CurrencyEarnings> => {
      const token = tokens[currency];
      const sum = (state: SaleState) =>
        sales
          .filter((s) => s.currency === currency && s.state === state)
          .reduce((a, s) => a + BigInt(s.providerAmount), 0n)
          .toString();
      const withdrawable = payout
        ? await client.readContract({
            address: m.address,
            abi: m.abi,
            functionName: "withdrawableOf",
            args: [token, payout],
          })
        : 0n;
      const withdrawn = withdrawnLogs
        .filter((l) => l.args.token !== undefined && getAddress(l.args.token) === token)
        .reduce((a, l) => a + (l.args.amount ?? 0n), 0n);
      return {
        currency,
        token,
        escrowed: sum("escrowed"),
        releasable: sum("releasable"),
        withdrawable: withdrawable.toString(),
        withdrawn: withdrawn.toString(),
      };
    }),
  );
  return { payoutAddress: payout, currencies, sales };
}
