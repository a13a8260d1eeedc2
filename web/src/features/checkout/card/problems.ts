/**
 * The "payment problems" list of /admin (platform admins): card payments that are refunded
 * automatically (or still waiting for that refund), paid sales stuck before their on-chain record, and
 * correctly signed Stripe events that could not be processed. Newest first, bounded.
 */
import type { CardPaymentProblem, CardPaymentStatus, PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import { hasRole, type SessionUser } from "@/server/auth.ts";

/** One card payment needing attention. `amount` in cents (decimal string); times ISO-8601 UTC. */
export interface CardProblemRow {
  id: string;
  user: { email: string | null; name: string | null };
  course: { slug: string; title: string };
  currency: string;
  amount: string;
  status: CardPaymentStatus;
  problem: CardPaymentProblem;
  problemDetail: string | null;
  refundId: string | null;
  refundError: string | null;
  paymentIntent: string | null;
  updatedAt: string;
}

/** One signed webhook event stored as failed. `receivedAt` ISO-8601 UTC. */
export interface FailedEventRow {
  id: string;
  type: string;
  error: string;
  receivedAt: string;
}

/** Both lists of the admin view. */
export interface PaymentProblems {
  payments: CardProblemRow[];
  events: FailedEventRow[];
}

/**
 * The payment problems, newest first (`take` per list).
 * @throws ApiError forbidden unless `actor` is a platform admin
 */
export async function paymentProblems(
  db: PrismaClient,
  actor: Pick<SessionUser, "roles">,
  take = 50,
): Promise<PaymentProblems> {
  if (!hasRole(actor, "PLATFORM_ADMIN")) throw new ApiError("forbidden", "You are not allowed to do this.");
  const [payments, events] = await Promise.all([
    db.cardPayment.findMany({
      where: { problem: { not: null } },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take,
      select: {
        id: true,
        currency: true,
        amount: true,
        status: true,
        problem: true,
        problemDetail: true,
        refundId: true,
        refundError: true,
        paymentIntent: true,
        updatedAt: true,
        user: { select: { email: true, name: true } },
        course: { select: { slug: true, title: true } },
      },
    }),
    db.stripeEvent.findMany({
      where: { error: { not: null } },
      orderBy: { receivedAt: "desc" },
      take,
      select: { id: true, type: true, error: true, receivedAt: true },
    }),
  ]);
  return {
    payments: payments.flatMap((p) =>
      p.problem === null
        ? []
        : [{ ...p, problem: p.problem, amount: p.amount.toFixed(0), updatedAt: p.updatedAt.toISOString() }],
    ),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      error: e.error ?? "",
      receivedAt: e.receivedAt.toISOString(),
    })),
  };
}
