import { describe, expect, it } from "vitest";
import { startStripeStub } from "../../test/stripe/server.ts";
import { parseEnv } from "./env.ts";
import { CardPaymentsDisabledError, cardPaymentsEnabled, createStripeClient, stripeWebhookSecret } from "./stripe.ts";
import { PRODUCTION_SECRETS } from "../../test/env.ts";

const base = { DATABASE_URL: "postgres://h/db" };
const key = "sk_test_0123456789abcdef";
const secret = "whsec_0123456789abcdef";

describe("Stripe env", () => {
  it("disables card payments without a key and enables them with both secrets", () => {
    expect(cardPaymentsEnabled(parseEnv(base))).toBe(false);
    expect(() => stripeWebhookSecret(parseEnv(base))).toThrow(CardPaymentsDisabledError);
    const on = parseEnv({ ...base, STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: secret });
    expect(cardPaymentsEnabled(on)).toBe(true);
    expect(stripeWebhookSecret(on)).toBe(secret);
    expect(
      cardPaymentsEnabled(
        parseEnv({ ...base, CARD_PAYMENTS: "false", STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: secret }),
      ),
    ).toBe(false);
  });

  it("requires both secrets when enabled, refuses malformed ones without echoing them, and a stub in production", () => {
    expect(() => parseEnv({ ...base, CARD_PAYMENTS: "true" })).toThrow(/STRIPE_SECRET_KEY[\s\S]*STRIPE_WEBHOOK_SECRET/);
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: key })).toThrow(/STRIPE_WEBHOOK_SECRET: is required/);
    const err = (() => {
      try {
        parseEnv({ ...base, STRIPE_SECRET_KEY: "pk_test_leaky", STRIPE_WEBHOOK_SECRET: secret });
      } catch (e) {
        return String(e);
      }
    })();
    expect(err).toMatch(/STRIPE_SECRET_KEY/);
    expect(err).not.toContain("pk_test_leaky");
    const prod = {
      ...base,
      ...PRODUCTION_SECRETS,
      NODE_ENV: "production",
      STRIPE_SECRET_KEY: key,
      STRIPE_WEBHOOK_SECRET: secret,
    };
    expect(() => parseEnv({ ...prod, STRIPE_API_BASE: "http://127.0.0.1:12111" })).toThrow(/STRIPE_API_BASE/);
    expect(cardPaymentsEnabled(parseEnv(prod))).toBe(true);
  });

  it("points the client at STRIPE_API_BASE and refuses to build one when disabled", async () => {
    const stub = await startStripeStub(key);
    try {
      const client = createStripeClient({
        STRIPE_SECRET_KEY: key,
        STRIPE_WEBHOOK_SECRET: secret,
        STRIPE_API_BASE: stub.url,
        CARD_PAYMENTS: undefined,
      });
      await expect(client.refunds.create({ payment_intent: "pi_unknown" }, { idempotencyKey: "k1" })).rejects.toThrow(
        /No such payment_intent/,
      );
      expect(stub.requests).toMatchObject([{ method: "POST", path: "/v1/refunds", idempotencyKey: "k1" }]);
    } finally {
      await stub.close();
    }
    const off = {
      CARD_PAYMENTS: undefined,
      STRIPE_SECRET_KEY: undefined,
      STRIPE_WEBHOOK_SECRET: undefined,
      STRIPE_API_BASE: undefined,
    };
    expect(() => createStripeClient(off)).toThrow(CardPaymentsDisabledError);
  });
});
