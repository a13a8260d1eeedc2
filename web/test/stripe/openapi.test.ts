/**
 * The stub's Connect responses validate against Stripe's published OpenAPI schemas, and the validator
 * really rejects drift (a renamed field, a wrong type, a missing required field, an invented field).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "./fixtures.ts";
import { SCHEMA_RESOURCES, stripeSchemaErrors } from "./openapi.ts";
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
  it("cover the Connect resources the stub serves, and Stripe's own fixtures pass", () => {
    expect([...SCHEMA_RESOURCES].sort()).toEqual(["account", "account_link", "transfer", "transfer_reversal"]);
    for (const name of SCHEMA_RESOURCES) expect(stripeSchemaErrors(fixture(name as never))).toEqual([]);
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
