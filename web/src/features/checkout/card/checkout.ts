/**
 * Starting a card purchase: a Stripe Checkout Session (mode `payment`, one line item in the course's
 * price) plus a PENDING CardPayment row. Nothing is unlocked here or on the success page — the
 * webhook records the sale on-chain through the outbox and the indexer grants access.
 */
import { createHash } from "node:crypto";
import { ApiError } from "@/server/http.ts";
import type { Stripe } from "@/server/stripe.ts";
import type { CardDeps } from "./deps.ts";
import { lockCheckoutPair } from "./handlers.ts";
import type { CardCheckoutInput } from "./schemas.ts";

/** Result of {@link createCardCheckout}: where to send the browser. */
export interface CardCheckoutResult {
  sessionId: string;
  /** Stripe-hosted checkout page. */
  url: string;
  cardPaymentId: string;
  /** True when the learner's open session for this course was handed out again. */
  reused: boolean;
}

/** Largest unit amount Stripe Checkout accepts (8 digits of minor units). */
const MAX_UNIT_AMOUNT = 99_999_999n;

/**
 * Creates a Checkout Session for `userId` buying a course — at most ONE open session per (user, course):
 * under a database lock, an open session at the same price and currency is handed out again; one at
 * another price/currency is expired at Stripe (`checkout.sessions.expire`) and marked EXPIRED before a
 * new one is created. The row keeps the payout terms of the sale (provider, platform fee in basis points,
 * refund window in seconds). The Stripe idempotency key is derived from user, course, currency, price version
 * (`CoursePrice.updatedAt`), the request parameters and the attempt number.
 *
 * @throws ApiError not_found (unknown or unpublished course), unprocessable (free course or not priced
 *   in `currency`), conflict (already enrolled, or a card payment is already being recorded),
 *   internal (Stripe failed)
 */
export async function createCardCheckout(
  deps: Pick<CardDeps, "db" | "stripe" | "appUrl" | "log" | "platformFeeBps">,
  userId: string,
  input: CardCheckoutInput,
): Promise<CardCheckoutResult> {
  const { db } = deps;
  const course = await db.course.findUnique({
    where: { slug: input.courseSlug },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      isFree: true,
      providerId: true,
      refundWindowDays: true,
      prices: { where: { currency: input.currency }, select: { amount: true, updatedAt: true } },
    },
  });
  if (!course || course.status !== "PUBLISHED") throw new ApiError("not_found", "Course not found.");
  const price = course.prices[0];
  if (course.isFree || !price) {
    throw new ApiError("unprocessable", "This course cannot be bought by card in this currency.", {
      currency: "not offered",
    });
  }
  const amount = BigInt(price.amount.toFixed(0));
  if (amount <= 0n || amount > MAX_UNIT_AMOUNT) {
    throw new ApiError("unprocessable", "This price cannot be charged by card.", { currency: "invalid price" });
  }
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: input.currency.toLowerCase(),
          unit_amount: Number(amount),
          product_data: { name: course.title, metadata: { courseId: course.id } },
        },
      },
    ],
    metadata: { courseId: course.id, userId },
    payment_intent_data: { metadata: { courseId: course.id, userId } },
    client_reference_id: userId,
    success_url: `${deps.appUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${deps.appUrl}/checkout/cancel?course=${encodeURIComponent(course.slug)}`,
  };

  // One open checkout per (user, course): serialized by a transaction-scoped lock, which also
  // serializes with the webhook's handling of a paid session of the same pair.
  return db.$transaction(
    async (tx) => {
      await lockCheckoutPair(tx, userId, course.id);
      const enrolled = await tx.enrollment.findUnique({
        where: { userId_courseId: { userId, courseId: course.id } },
        select: { status: true },
      });
      if (enrolled?.status === "ACTIVE") throw new ApiError("conflict", "You are already enrolled in this course.");
      const paid = await tx.cardPayment.findFirst({
        where: { userId, courseId: course.id, status: "PAID", problem: null },
        select: { id: true },
      });
      if (paid) throw new ApiError("conflict", "Your card payment for this course is already being recorded.");

      const open = await tx.cardPayment.findMany({
        where: { userId, courseId: course.id, status: "PENDING" },
        orderBy: { createdAt: "desc" },
        select: { id: true, checkoutSession: true, currency: true, amount: true },
      });
      for (const row of open) {
        const current = await stripeCall(deps, "retrieve", () =>
          deps.stripe.checkout.sessions.retrieve(row.checkoutSession),
        );
        const samePrice = row.currency === input.currency && row.amount.toFixed(0) === amount.toString();
        if (current.status === "open" && samePrice && current.url) {
          return { sessionId: current.id, url: current.url, cardPaymentId: row.id, reused: true };
        }
        if (current.status === "complete") {
          throw new ApiError("conflict", "Your payment for this course is being confirmed. Please wait a moment.");
        }
        if (current.status === "open") {
          // Another price or currency: end the old session at Stripe before offering a new one.
          await stripeCall(deps, "expire", () =>
            deps.stripe.checkout.sessions.expire(
              row.checkoutSession,
              {},
              { idempotencyKey: `expire:${row.checkoutSession}` },
            ),
          );
        }
        await tx.cardPayment.update({ where: { id: row.id }, data: { status: "EXPIRED" } });
      }

      const attempt = await tx.cardPayment.count({ where: { userId, courseId: course.id } });
      const key = idempotencyKey(userId, course.id, input.currency, price.updatedAt, params, attempt);
      let session = await stripeCall(deps, "create", () =>
        deps.stripe.checkout.sessions.create(params, { idempotencyKey: key }),
      );
      // A replay within Stripe's 24 h key window can return a session that expired or completed meanwhile.
      if (session.status !== "open") {
        session = await stripeCall(deps, "create", () =>
          deps.stripe.checkout.sessions.create(params, { idempotencyKey: `${key}:${session.id}` }),
        );
      }
      if (!session.url) throw new ApiError("internal", "The payment provider returned no checkout page.");
      const row = await tx.cardPayment.upsert({
        where: { checkoutSession: session.id },
        create: {
          userId,
          courseId: course.id,
          currency: input.currency,
          amount: amount.toString(),
          checkoutSession: session.id,
          // Terms of the provider payout, fixed at sale time (issue 15).
          providerId: course.providerId,
          platformFeeBps: deps.platformFeeBps,
          refundWindowSeconds: course.refundWindowDays * 86_400,
        },
        update: {},
        select: { id: true },
      });
      return { sessionId: session.id, url: session.url, cardPaymentId: row.id, reused: false };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * `checkout:` + sha256 over (user, course, currency, price version, parameters, attempt); ≤ 255 chars.
 * `attempt` = card payments of the pair so far, so a crash-retry reuses the key and a new checkout
 * after an expired one gets a new key.
 */
function idempotencyKey(
  userId: string,
  courseId: string,
  currency: string,
  priceVersion: Date,
  params: Stripe.Checkout.SessionCreateParams,
  attempt: number,
): string {
  const material = JSON.stringify([userId, courseId, currency, priceVersion.toISOString(), params, attempt]);
  return `checkout:${createHash("sha256").update(material).digest("hex")}`;
}

async function stripeCall<T>(deps: Pick<CardDeps, "log">, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    deps.log.error(`stripe checkout session ${what} failed`, { error: describeStripeError(err) });
    throw new ApiError("internal", "The payment provider is unavailable. Please try again.");
  }
}

/** A log-safe description of a Stripe SDK error (type, code, request id; never the request body). */
export function describeStripeError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const e = err as Error & { type?: string; code?: string; requestId?: string; statusCode?: number };
    return {
      name: e.name,
      type: e.type,
      code: e.code,
      statusCode: e.statusCode,
      requestId: e.requestId,
      message: e.message,
    };
  }
  return { message: String(err) };
}
