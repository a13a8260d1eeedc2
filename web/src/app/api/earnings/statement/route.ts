/**
 * GET /api/earnings/statement — the signed-in provider's own statement as CSV (card sales with their
 * payout split and state, then crypto sales in escrow; amounts in the smallest currency unit).
 * Without a reachable chain the crypto part is left out (logged). 401 anonymous, 403 not a provider. Only the caller's own sales: there is no provider parameter.
 */
import { earningsDeps } from "@/features/earnings/deps";
import { providerEarnings } from "@/features/earnings/service";
import { chainNow } from "@/features/payouts/wiring";
import { cardStatement, statementCsv } from "@/features/payouts/statement";
import { requireRole, requireUser } from "@/server/auth";
import { route } from "@/server/http";
import { logger } from "@/server/logger";

const log = logger("earnings");

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  const user = requireRole(await requireUser(req), "PROVIDER");
  const deps = earningsDeps();
  const [card, crypto] = await Promise.all([
    chainNow(deps.client).then((now) => cardStatement(deps.db, user.id, now, 10_000)),
    // Crypto sales need the RPC; without it the statement still lists every card sale (and says so in the log).
    providerEarnings(deps, user.id).catch((err: unknown) => {
      log.warn("statement without crypto sales: chain unreachable", {
        error: err instanceof Error ? err.message : String(err),
      });
      return { sales: [] };
    }),
  ]);
  const csv = statementCsv(
    card.sales,
    crypto.sales.map((s) => ({
      rail: s.currency,
      purchaseId: s.purchaseId,
      courseTitle: s.course.title,
      providerAmount: s.providerAmount,
      refundDeadline: s.refundDeadline,
      state: s.state,
    })),
  );
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="statement-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
