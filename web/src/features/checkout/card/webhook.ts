/**
 * The Stripe webhook (CONVENTIONS "Stripe webhooks"; ARCHITECTURE rule 2): verify the signature over
 * the raw body, store `event.id` once and process the event inside ONE database transaction, dispatch
 * through a map of handlers, answer 2xx for types we do not handle. The webhook never writes an
 * Enrollment: a paid checkout enqueues `recordCardPurchase` and the indexer unlocks once it is final.
 */
import type { Prisma } from "@smolitux/db";
import type { Stripe } from "@/server/stripe.ts";
import type { CardDeps } from "./deps.ts";
import { CARD_EVENT_HANDLERS, type HandlerOutcome } from "./handlers.ts";

/** HTTP answer of the webhook. */
export interface WebhookResult {
  status: 200 | 400;
  body: { received: boolean; outcome?: HandlerOutcome | "duplicate" | "ignored"; error?: string };
}

/**
 * Handles one webhook delivery.
 * @param rawBody the request body exactly as received (`await req.text()`)
 * @param signature the `Stripe-Signature` header (null when absent)
 * @returns 400 (nothing stored) for a missing/invalid signature, else 200 with the outcome
 * @throws on database errors — the transaction rolls back and nothing is stored, so Stripe's retry
 *   processes the event again
 */
export async function handleStripeWebhook(
  deps: Omit<CardDeps, "appUrl">,
  rawBody: string,
  signature: string | null,
): Promise<WebhookResult> {
  if (!signature) return { status: 400, body: { received: false, error: "missing Stripe-Signature header" } };
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature, deps.webhookSecret);
  } catch (err) {
    deps.log.warn("stripe webhook signature rejected", { reason: err instanceof Error ? err.name : "unknown" });
    return { status: 400, body: { received: false, error: "invalid signature" } };
  }
  const payload = JSON.parse(rawBody) as Prisma.InputJsonObject;

  const outcome = await deps.db.$transaction(
    async (tx) => {
      const stored = await tx.stripeEvent.createMany({
        data: [{ id: event.id, type: event.type, payload }],
        skipDuplicates: true,
      });
      if (stored.count === 0) return "duplicate" as const;
      const handler = Object.hasOwn(CARD_EVENT_HANDLERS, event.type) ? CARD_EVENT_HANDLERS[event.type] : undefined;
      const result = handler
        ? await handler(
            { tx, outbox: deps.outbox, learnerAddress: deps.learnerAddress, log: deps.log, eventId: event.id },
            event.data.object,
          )
        : ("ignored" as const);
      await tx.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date() } });
      return result;
    },
    { timeout: 15_000 },
  );
  deps.log.info("stripe webhook processed", { eventId: event.id, type: event.type, outcome });
  return { status: 200, body: { received: true, outcome } };
}
