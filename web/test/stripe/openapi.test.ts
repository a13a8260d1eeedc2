/**
 * The stub's Connect responses validate against Stripe's published OpenAPI schemas, and the validator
 * really rejects drift (a renamed field, a wrong type, a missing required field, an invented field).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "./fixtures.ts";
import { schemaResources, stripeSchemaErrors } from "./openapi.ts";
import { randomStripeKey } from "./harness.ts";
import { startStripeStub, type StripeStub } from "./server.ts";

let stub: StripeStub;
const key = randomStripeKey();
beforeAll(async () => {
  stub = await startStripeStub(key);
});
afterAll(async () => {
  await stub.close();
});

const call = async (method: string, path: string, body?: string) => {
  const res = await fetch(`${stub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

describe("Stripe OpenAPI schemas", () => {
  it("cover every resource the stub serves, and Stripe's own fixtures pass (less the fields Stripe removed)", () => {
    expect(schemaResources()).toEqual([
      "account",
      "account_link",
      "balance_transaction",
      "charge",
      "checkout.session",
      "event",
      "payment_intent",
      "payout",
      "refund",
      "transfer",
      "transfer_reversal",
    ]);
    for (const name of schemaResources().filter((n) => n !== "event" && n !== "charge" && n !== "payment_intent")) {
      expect(stripeSchemaErrors(fixture(name as never))).toEqual([]);
    }
    // fixtures3.json (2026-07) still carries the deprecated `source` on charges and payment intents; the
    // spec version used here (2026-09-30) no longer has it, so the stub leaves it out.
    expect(stripeSchemaErrors(fixture("charge"))).toContain("charge must NOT have additional properties");
    const { source: _c, ...charge } = fixture("charge");
    expect(stripeSchemaErrors({ ...charge, transfer_data: null })).toEqual([]);
    const { source: _p, ...intent } = fixture("payment_intent");
    expect(stripeSchemaErrors({ ...intent, transfer_data: null })).toEqual([]);
  });

  it("report object types without an extracted schema, anywhere inside an answer", () => {
    // event.json wraps a `plan`, which the stub never serves and which has no schema here.
    expect(stripeSchemaErrors(fixture("event"))).toEqual([
      'plan/data/object has no extracted OpenAPI schema (add components.schemas["plan"])',
    ]);
    expect(stripeSchemaErrors({ id: "cus_1", object: "customer" })).toEqual([
      'customer has no extracted OpenAPI schema (add components.schemas["customer"])',
    ]);
    const list = { object: "list", url: "/v1/x", has_more: false, data: [{ id: "cus_1", object: "customer" }] };
    expect(stripeSchemaErrors(list)).toEqual([
      'customer/data/0 has no extracted OpenAPI schema (add components.schemas["customer"])',
    ]);
    expect(stripeSchemaErrors({ id: "x" })).toEqual(["response has no `object` and is not an error"]);
    expect(stripeSchemaErrors([])).toEqual(["response is not a JSON object"]);
  });

  it("validate error bodies and list envelopes", () => {
    expect(stripeSchemaErrors({ error: { type: "invalid_request_error", message: "m", code: "c" } })).toEqual([]);
    expect(stripeSchemaErrors({ error: { type: "stub_error", message: "m" } })).toEqual([
      "error/error/type must be equal to one of the allowed values",
    ]);
    expect(stripeSchemaErrors({ error: { message: "m" } })).toEqual(["error/error must have required property 'type'"]);
    expect(stripeSchemaErrors({ object: "list", data: [], has_more: false })).toEqual([
      "list must have required property 'url'",
    ]);
    expect(
      stripeSchemaErrors({
        object: "list",
        url: "/v1/transfers",
        has_more: false,
        data: [{ ...fixture("transfer"), amount: "1" }],
      }),
    ).toEqual(["transfer/amount must be integer"]);
  });

  it("reject drifted objects", () => {
    const t = fixture("transfer");
    expect(stripeSchemaErrors({ ...t, amount: "1100" })).toEqual(["transfer/amount must be integer"]);
    expect(stripeSchemaErrors({ ...t, invented: true })).toEqual(["transfer must NOT have additional properties"]);
    const { reversals: _dropped, ...missing } = t;
    expect(stripeSchemaErrors(missing)).toEqual(["transfer must have required property 'reversals'"]);
    expect(stripeSchemaErrors({ ...fixture("account_link"), url: null })).toEqual(["account_link/url must be string"]);
    expect(stripeSchemaErrors({ ...fixture("transfer_reversal"), metadata: null })).toEqual([]);
  });

  it("every Connect answer of the stub validates (account, link, transfer, list, reversal)", async () => {
    const acct = await call("POST", "/v1/accounts", "type=express&metadata[userId]=u1");
    expect(stripeSchemaErrors(acct.json)).toEqual([]);
    const id = String(acct.json.id);
    const link = await call(
      "POST",
      "/v1/account_links",
      `account=${id}&type=account_onboarding&refresh_url=http%3A%2F%2Fx%2Fr&return_url=http%3A%2F%2Fx%2Fb`,
    );
    expect(link.status).toBe(200);
    expect(stripeSchemaErrors(link.json)).toEqual([]);
    // Transfers need payouts enabled (Stripe: the transfers capability).
    expect((await call("POST", "/v1/transfers", `amount=100&currency=eur&destination=${id}`)).status).toBe(400);
    const account = stub.accounts.get(id);
    if (account) account.payouts_enabled = true;
    const tr = await call("POST", "/v1/transfers", `amount=100&currency=eur&destination=${id}&transfer_group=g1`);
    expect(tr.status).toBe(200);
    expect(stripeSchemaErrors(tr.json)).toEqual([]);
    const list = await call("GET", "/v1/transfers?transfer_group=g1");
    expect((list.json.data as unknown[]).length).toBe(1);
    const rev = await call("POST", `/v1/transfers/${String(tr.json.id)}/reversals`, "");
    expect(rev.status).toBe(200);
    expect(stripeSchemaErrors(rev.json)).toEqual([]);
    const again = await call("GET", `/v1/transfers/${String(tr.json.id)}`);
    expect(again.json).toMatchObject({ reversed: true, amount_reversed: 100 });
    expect(stripeSchemaErrors(again.json)).toEqual([]);
    expect(stub.schemaViolations).toEqual([]);
  });
});

describe("every answer of the stub validates", () => {
  it("checkout sessions, payment intents (expanded charge and balance transaction), refunds and errors", async () => {
    const form =
      "mode=payment&success_url=http%3A%2F%2Fx%2Fok&cancel_url=http%3A%2F%2Fx%2Fno" +
      "&line_items[0][quantity]=1&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=1999" +
      "&line_items[0][price_data][product_data][name]=Course&metadata[courseId]=c1";
    const created = await call("POST", "/v1/checkout/sessions", form);
    expect(created.status).toBe(200);
    const id = String(created.json.id);
    const intent = String(created.json.payment_intent);
    expect((await call("GET", `/v1/checkout/sessions/${id}`)).status).toBe(200);
    const plain = await call("GET", `/v1/payment_intents/${intent}`);
    expect(plain.json).toMatchObject({ object: "payment_intent", status: "succeeded", amount: 1999 });
    expect(typeof plain.json.latest_charge).toBe("string");
    const expanded = await call("GET", `/v1/payment_intents/${intent}?expand[]=latest_charge.balance_transaction`);
    expect(expanded.json.latest_charge).toMatchObject({
      object: "charge",
      balance_transaction: { object: "balance_transaction", amount: 1999, fee: 55, net: 1944 },
    });
    const refund = await call("POST", "/v1/refunds", `payment_intent=${intent}&amount=500`);
    expect(refund.json).toMatchObject({ object: "refund", amount: 500 });
    expect((await call("GET", `/v1/refunds/${String(refund.json.id)}`)).status).toBe(200);
    expect((await call("POST", `/v1/checkout/sessions/${id}/expire`)).status).toBe(200);
    // Errors are Stripe error bodies too.
    expect((await call("POST", `/v1/checkout/sessions/${id}/expire`)).status).toBe(400);
    expect((await call("GET", "/v1/refunds/re_missing")).status).toBe(404);
    expect((await call("GET", "/v1/nothing")).status).toBe(404);
    const unauthorized = await fetch(`${stub.url}/v1/refunds/re_x`, { headers: { authorization: "Bearer sk_wrong" } });
    expect(unauthorized.status).toBe(401);
    expect(stub.schemaViolations).toEqual([]);
  });

  it("a drifted or unknown object in a stub answer is refused and recorded, so a test using it fails", async () => {
    const form =
      "mode=payment&success_url=http%3A%2F%2Fx%2Fok&line_items[0][price_data][currency]=usd" +
      "&line_items[0][price_data][unit_amount]=500&line_items[0][price_data][product_data][name]=C";
    const id = String((await call("POST", "/v1/checkout/sessions", form)).json.id);
    const session = stub.sessions.get(id);
    if (!session) throw new Error("no session");
    session.customer = { id: "cus_1", object: "customer" };
    const drifted = await call("GET", `/v1/checkout/sessions/${id}`);
    expect(drifted.status).toBe(400);
    expect(drifted.json).toMatchObject({ error: { code: "stub_schema_violation" } });
    expect(stub.schemaViolations).toEqual([
      'customer/customer has no extracted OpenAPI schema (add components.schemas["customer"])',
    ]);
    session.customer = null;
    session.amount_total = "500";
    expect((await call("GET", `/v1/checkout/sessions/${id}`)).status).toBe(400);
    expect(stub.schemaViolations).toContain("checkout.session/amount_total must be integer");
    stub.schemaViolations.length = 0;
  });
});
