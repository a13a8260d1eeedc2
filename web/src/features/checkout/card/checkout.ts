/**
 * Starting a card purchase: a Stripe Checkout Session (mode `payment`, one line item in the course's
 * price) plus a PENDING CardPayment row. Nothing is unlocked here or on the success page — the
 * webhook records the sale on-chain through the outbox and the indexer grants access.
 */
import { createHash } from "node:crypto";
import { ApiError } from "@/server/http.ts";
import type { Stripe } from "@/server/stripe.ts";
import type { CardDeps } from "./deps.ts";
import type { CardCheckoutInput } from "./schemas.ts";

/** Result of {@link createCardCheckout}: where to send the browser. */
export interface CardCheckoutResult {
  sessionId: string;
  /** Stripe-hosted checkout page. */
  url: string;
  cardPaymentId: string;
}

/** Largest unit amount Stripe Checkout accepts (8 digits of minor units). */
const MAX_UNIT_AMOUNT = 99_999_999n;

/**
 * Creates (or, for an identical repeated request, reuses) a Checkout Session for `userId` buying a
 * course. The Stripe idempotency key is derived from user, course, currency, price version
 * (`CoursePrice.updatedAt`) and the request parameters, so a double click yields one session and a
 * price change yields a new one.
 *
 * @throws ApiError not_found (unknown or unpublished course), unprocessable (free course or not priced
 *   in `currency`), conflict (already enrolled, or a card payment is already being recorded),
 *   internal (Stripe failed)
 */
export async function createCardCheckout(
  deps: Pick<CardDeps, "db" | "stripe" | "appUrl" | "log">,
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
  const enrolled = await db.enrollment.findUnique({
    where: { userId_courseId: { userId, courseId: course.id } },
    select: { status: true },
  });
  if (enrolled?.status === "ACTIVE") throw new ApiError("conflict", "You are already enrolled in this course.");
  const paid = await db.cardPayment.findFirst({
    where: { userId, courseId: course.id, status: "PAID" },
    select: { id: true },
  });
  if (paid) throw new ApiError("conflict", "Your card payment for this course is already being recorded.");

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
  const baseKey = idempotencyKey(userId, course.id, input.currency, price.updatedAt, params);
  let session = await createSession(deps, params, baseKey);
  // A replay within Stripe's 24 h key window can return a session that expired or completed meanwhile.
  if (session.status !== "open") session = await createSession(deps, params, `${baseKey}:${session.id}`);
  if (!session.url) throw new ApiError("internal", "The payment provider returned no checkout page.");

  const row = await db.cardPayment.upsert({
    where: { checkoutSession: session.id },
    create: {
      userId,
      courseId: course.id,
      currency: input.currency,
      amount: amount.toString(),
      checkoutSession: session.id,
    },
    update: {},
    select: { id: true },
  });
  return { sessionId: session.id, url: session.url, cardPaymentId: row.id };
}

/** `checkout:` + sha256 over (user, course, currency, price version, parameters); ≤ 255 chars. */
function idempotencyKey(
  userId: string,
  courseId: string,
  currency: string,
  priceVersion: Date,
  params: Stripe.Checkout.SessionCreateParams,
): string {
  const material = JSON.stringify([userId, courseId, currency, priceVersion.toISOString(), params]);
  return `checkout:${createHash("sha256").update(material).digest("hex")}`;
}

async function createSession(
  deps: Pick<CardDeps, "stripe" | "log">,
  params: Stripe.Checkout.SessionCreateParams,
  key: string,
): Promise<Stripe.Checkout.Session> {
  try {
    return await deps.stripe.checkout.sessions.create(params, { idempotencyKey: key });
  } catch (err) {
    deps.log.error("stripe checkout session create failed", { error: describeStripeError(err) });
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
