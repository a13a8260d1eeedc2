/**
 * The Stripe webhook (CONVENTIONS "Stripe webhooks"; ARCHITECTURE rule 2): verify the signature over
 * the raw body, store `event.id` once and process the event inside ONE database transaction, dispatch
 * through a map of handlers, answer 2xx for types we do not handle. The webhook never writes an
 * Enrollment: a paid checkout enqueues `recordCardPurchase` and the indexer unlocks once it is final.
 *
 * A correctly signed event whose object is malformed (fails the zod schema) or cannot be processed is
 * stored with `error` set (nothing else written), answered 200 so Stripe stops retrying, and listed
 * under "payment problems" on /admin. Signature timestamps more than {@link TOLERANCE_SECONDS} in the
 * past OR the future are rejected.
 */
import { ZodError } from "zod";
import type { Prisma } from "@smolitux/db";
import type { Stripe } from "@/server/stripe.ts";
import type { CardDeps } from "./deps.ts";
import { CARD_EVENT_HANDLERS, UnprocessableEventError, type HandlerOutcome } from "./handlers.ts";
import { refundCardPayment } from "./refund.ts";

/** Accepted clock difference between Stripe's signature timestamp and ours, both directions (seconds). */
export const TOLERANCE_SECONDS = 300;

/** HTTP answer of the webhook. */
export interface WebhookResult {
  status: 200 | 400;
  body: { received: boolean; outcome?: HandlerOutcome | "duplicate" | "ignored" | "stored_as_failed"; error?: string };
}

/** The `t=` timestamp (seconds) of a `Stripe-Signature` header, or null. */
function signedAt(header: string): number | null {
  const t = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header)?.[1];
  return t === undefined ? null : Number(t);
}

/**
 * Handles one webhook delivery.
 * @param rawBody the request body exactly as received (`await req.text()`)
 * @param signature the `Stripe-Signature` header (null when absent)
 * @param nowMs current time in ms (tests)
 * @returns 400 (nothing stored) for a missing/invalid/out-of-tolerance signature, else 200 with the outcome
 * @throws on database errors — the transaction rolls back and nothing is stored, so Stripe's retry
 *   processes the event again
 */
export async function handleStripeWebhook(
  deps: Omit<CardDeps, "appUrl">,
  rawBody: string,
  signature: string | null,
  nowMs: number = Date.now(),
): Promise<WebhookResult> {
  if (!signature) return { status: 400, body: { received: false, error: "missing Stripe-Signature header" } };
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature, deps.webhookSecret, TOLERANCE_SECONDS);
  } catch (err) {
    deps.log.warn("stripe webhook signature rejected", { reason: err instanceof Error ? err.name : "unknown" });
    return { status: 400, body: { received: false, error: "invalid signature" } };
  }
  const t = signedAt(signature);
  if (t === null || Math.abs(Math.floor(nowMs / 1000) - t) > TOLERANCE_SECONDS) {
    deps.log.warn("stripe webhook signature timestamp outside tolerance", { eventId: event.id, signedAt: t });
    return { status: 400, body: { received: false, error: "signature timestamp outside tolerance" } };
  }
  const payload = JSON.parse(rawBody) as Prisma.InputJsonObject;
  const refunds: string[] = [];

  let outcome: HandlerOutcome | "duplicate" | "ignored" | "stored_as_failed";
  try {
    outcome = await deps.db.$transaction(
      async (tx) => {
        const stored = await tx.stripeEvent.createMany({
          data: [{ id: event.id, type: event.type, payload }],
          skipDuplicates: true,
        });
        if (stored.count === 0) return "duplicate" as const;
        const handler = Object.hasOwn(CARD_EVENT_HANDLERS, event.type) ? CARD_EVENT_HANDLERS[event.type] : undefined;
        const result = handler
          ? await handler(
              {
                tx,
                outbox: deps.outbox,
                learnerAddress: deps.learnerAddress,
                log: deps.log,
                eventId: event.id,
                account: event.account ?? null,
                refundAfterCommit: (id) => refunds.push(id),
              },
              event.data.object,
            )
          : ("ignored" as const);
        await tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date() } });
        return result;
      },
      { timeout: 15_000 },
    );
  } catch (err) {
    if (!(err instanceof ZodError) && !(err instanceof UnprocessableEventError)) throw err;
    // Rolled back: store the event alone, marked failed, so Stripe stops retrying and an admin sees it.
    const error =
      err instanceof ZodError
        ? `malformed ${event.type}: ${err.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}`
        : err.message;
    await deps.db.stripeEvent.createMany({
      data: [{ id: event.id, type: event.type, payload, error: error.slice(0, 1000) }],
      skipDuplicates: true,
    });
    deps.log.error("stripe webhook event could not be processed; stored as failed", { eventId: event.id, error });
    return { status: 200, body: { received: true, outcome: "stored_as_failed", error: "event stored as failed" } };
  }
  for (const id of refunds) await refundCardPayment(deps, id).catch(() => undefined); // the settle loop retries
  deps.log.info("stripe webhook processed", { eventId: event.id, type: event.type, outcome });
  return { status: 200, body: { received: true, outcome } };
}
