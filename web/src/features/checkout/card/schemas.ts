/**
 * zod schemas of the card checkout boundary: API input and the parts of Stripe objects we rely on
 * (parsed from the verified webhook event, so a changed Stripe shape fails loudly, not silently).
 */
import { z } from "zod";

/** Fiat currencies sold by card (amounts in cents). */
export const CARD_CURRENCIES = ["EUR", "USD"] as const;
/** A card currency. */
export type CardCurrency = (typeof CARD_CURRENCIES)[number];

/** Body of `POST /api/checkout/card`. */
export const cardCheckoutInput = z.object({
  courseSlug: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "not a course slug"),
  currency: z.enum(CARD_CURRENCIES),
});
export type CardCheckoutInput = z.infer<typeof cardCheckoutInput>;

const idOf = (prefix: string) =>
  z
    .union([z.string(), z.object({ id: z.string() })])
    .nullable()
    .transform((v) => (v === null ? null : typeof v === "string" ? v : v.id))
    .refine((v) => v === null || v.startsWith(prefix), `must be a ${prefix}… id`);

/** The Checkout Session fields the webhook handlers use. `amount_total` in the smallest currency unit. */
export const stripeSessionSchema = z.object({
  id: z.string().startsWith("cs_"),
  object: z.literal("checkout.session"),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  payment_intent: idOf("pi_"),
  amount_total: z.number().int().nonnegative().nullable(),
  currency: z.string().nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
});
export type StripeSessionView = z.infer<typeof stripeSessionSchema>;

/** The Charge fields of `charge.refunded`. Amounts in the smallest currency unit. */
export const stripeChargeSchema = z.object({
  id: z.string().startsWith("ch_"),
  object: z.literal("charge"),
  amount: z.number().int().nonnegative(),
  amount_refunded: z.number().int().nonnegative(),
  refunded: z.boolean(),
  currency: z.string(),
  payment_intent: idOf("pi_"),
});
export type StripeChargeView = z.infer<typeof stripeChargeSchema>;

/** Query of `GET /api/card-sales`. */
export const cardSalesQuery = z.object({
  course: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "not a course slug")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(64).optional(),
});
export type CardSalesQuery = z.infer<typeof cardSalesQuery>;

/** Query of `GET /api/checkout/card/status`. */
export const checkoutStatusQuery = z.object({
  session_id: z.string().startsWith("cs_").max(255),
});
