/**
 * A local Stripe API stub for tests and dev (there is no stripe-mock here): an HTTP server on
 * 127.0.0.1 implementing only the endpoints the app calls — `POST /v1/checkout/sessions` and
 * `POST /v1/refunds` — answering with objects built from the real Stripe fixtures in
 * test/fixtures/stripe (values we control, such as ids and amounts, overridden) — plus
 * `GET /v1/checkout/sessions/:id`, `POST /v1/checkout/sessions/:id/expire`, `GET /v1/refunds/:id` and the
 * Connect endpoints `POST /v1/accounts` (type=express), `GET /v1/accounts/:id`, `POST /v1/account_links`,
 * `POST /v1/transfers`, `GET /v1/transfers` (by `transfer_group`), `GET /v1/transfers/:id`,
 * `POST /v1/transfers/:id/reversals` and `GET /v1/payment_intents/:id` (with `latest_charge.balance_transaction`
 * expandable; the stub's processing fee is 1.5 % + 25 minor units, Stripe's standard EEA card rate).
 * Every response whose resource has an extracted OpenAPI schema (test/fixtures/stripe/openapi) is
 * validated before it is sent; a violation is answered as a 400 `stub_schema_violation` and recorded in
 * `schemaViolations`, so a test using a drifted object fails. Like Stripe it
 * checks the Bearer key and replays the stored response for a repeated `Idempotency-Key` (a reused
 * key with different parameters is a 400 `idempotency_error`). Point the SDK at it with
 * `STRIPE_API_BASE=<url>` (`{ host, port, protocol: "http" }`).
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fixture } from "./fixtures.ts";
import { stripeSchemaErrors } from "./openapi.ts";

/** A request the stub received (for assertions). */
export interface StubRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: FormValue;
}

/** A parsed `application/x-www-form-urlencoded` body with Stripe's bracket notation. */
export type FormValue = string | { [key: string]: FormValue };

/** A running stub. */
export interface StripeStub {
  /** Base URL, e.g. `http://127.0.0.1:41234` (use as STRIPE_API_BASE). */
  url: string;
  /** Every request, oldest first. */
  requests: StubRequest[];
  /** Sessions created so far by id (mutable: tests may set `status` to simulate expiry). */
  sessions: Map<string, Record<string, unknown>>;
  /** Connect accounts created so far by id (mutable: tests may complete onboarding). */
  accounts: Map<string, Record<string, unknown>>;
  /** Connect transfers created so far by id (mutable). */
  transfers: Map<string, Record<string, unknown>>;
  /** Makes a payment intent refundable without a session (amount in minor units, currency lower-case). */
  registerPayment(paymentIntent: string, amount: number, currency: string): void;
  /**
   * The next `n` transfer creations fail with a 400 `balance_insufficient` answer (retry tests); with
   * `transferGroup`, only transfers of that group (one sale) count and fail, so other sales of a shared stack pass.
   */
  failNextTransfers(n: number, transferGroup?: string): void;
  /** Responses that did not validate against Stripe's OpenAPI schema (should stay empty). */
  schemaViolations: string[];
  close(): Promise<void>;
}

const newId = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;

/** Parses `a[b][0][c]=x&…` into nested objects (arrays stay objects keyed "0", "1", …). */
export function parseStripeForm(body: string): { [key: string]: FormValue } {
  const root: { [key: string]: FormValue } = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else {
        const next = node[part];
        node = typeof next === "object" ? next : (node[part] = {});
      }
    });
  }
  return root;
}

const str = (v: FormValue | undefined): string | null => (typeof v === "string" ? v : null);
const obj = (v: FormValue | undefined): { [key: string]: FormValue } => (typeof v === "object" ? v : {});

function stripeError(status: number, type: string, message: string, code?: string) {
  return { status, json: { error: { type, message, ...(code ? { code } : {}) } } };
}

/**
 * Starts the stub on 127.0.0.1 (random port unless given).
 * @param apiKey the only accepted secret key (the SDK's Bearer token)
 */
export async function startStripeStub(
  apiKey: string,
  opts: { port?: number; unref?: boolean } = {},
): Promise<StripeStub> {
  const requests: StubRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const amountsByIntent = new Map<string, { amount: number; currency: string }>();
  const replays = new Map<string, { bodyHash: string; status: number; json: unknown }>();

  function createSession(form: { [key: string]: FormValue }, base: string) {
    const item = obj(obj(form.line_items)["0"]);
    const priceData = obj(item.price_data);
    const unit = Number(str(priceData.unit_amount));
    const quantity = Number(str(item.quantity) ?? "1");
    const currency = str(priceData.currency);
    if (str(form.mode) !== "payment" || !currency || !Number.isInteger(unit) || !str(form.success_url)) {
      return stripeError(400, "invalid_request_error", "mode, line_items[0][price_data] and success_url are required");
    }
    const id = `cs_test_${randomBytes(24).toString("hex")}`;
    const paymentIntent = newId("pi_");
    const created = Math.floor(Date.now() / 1000);
    const session = {
      ...fixture("checkout.session"),
      id,
      created,
      expires_at: created + 86_400,
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      currency,
      amount_subtotal: unit * quantity,
      amount_total: unit * quantity,
      metadata: obj(form.metadata),
      client_reference_id: str(form.client_reference_id),
      success_url: str(form.success_url),
      cancel_url: str(form.cancel_url),
      payment_intent: paymentIntent,
      url: `${base}/pay/${id}`,
    };
    sessions.set(id, session);
    amountsByIntent.set(paymentIntent, { amount: unit * quantity, currency });
    return { status: 200, json: session };
  }

  const refunds = new Map<string, unknown>();
  const accounts = new Map<string, Record<string, unknown>>();
  const transfers = new Map<string, Record<string, unknown>>();
  const chargeOf = new Map<string, string>();
  const refundedByIntent = new Map<string, number>();
  const schemaViolations: string[] = [];
  let failTransfers = 0;
  let failTransferGroup: string | undefined;

  /** The stub's processing fee: 1.5 % + 25 minor units (rounded half up). */
  const feeOf = (amount: number) => Math.round(amount * 0.015) + 25;

  /** `GET /v1/payment_intents/:id`: a succeeded intent with its charge (and balance transaction when expanded). */
  function retrievePaymentIntent(id: string, expandBalance: boolean) {
    const paid = amountsByIntent.get(id);
    if (!paid) return stripeError(404, "invalid_request_error", `No such payment_intent: '${id}'`, "resource_missing");
    let chargeId = chargeOf.get(id);
    if (!chargeId) chargeOf.set(id, (chargeId = newId("ch_")));
    const created = Math.floor(Date.now() / 1000);
    const fee = feeOf(paid.amount);
    const balanceTransaction = {
      ...fixture("balance_transaction"),
      id: `txn_${chargeId.slice(3)}`,
      amount: paid.amount,
      currency: paid.currency,
      fee,
      fee_details: [
        {
          amount: fee,
          application: null,
          currency: paid.currency,
          description: "Stripe processing fees",
          type: "stripe_fee",
        },
      ],
      net: paid.amount - fee,
      source: chargeId,
      created,
      available_on: created,
    };
    const { source: _chargeSource, ...chargeFixture } = fixture("charge");
    const charge = {
      ...chargeFixture,
      id: chargeId,
      amount: paid.amount,
      amount_captured: paid.amount,
      amount_refunded: refundedByIntent.get(id) ?? 0,
      refunded: (refundedByIntent.get(id) ?? 0) >= paid.amount,
      captured: true,
      paid: true,
      status: "succeeded",
      currency: paid.currency,
      payment_intent: id,
      balance_transaction: expandBalance ? balanceTransaction : balanceTransaction.id,
      // Separate charges and transfers: no destination charge, so no transfer_data / transfer.
      transfer_data: null,
      transfer_group: null,
    };
    const { source: _intentSource, ...intentFixture } = fixture("payment_intent");
    return {
      status: 200,
      json: {
        ...intentFixture,
        id,
        amount: paid.amount,
        amount_received: paid.amount,
        currency: paid.currency,
        status: "succeeded",
        latest_charge: expandBalance ? charge : chargeId,
        transfer_data: null,
        transfer_group: null,
      },
    };
  }

  /** `POST /v1/transfers` (separate charges and transfers). */
  function createTransfer(form: { [key: string]: FormValue }) {
    const amount = Number(str(form.amount));
    const currency = str(form.currency);
    const destination = str(form.destination);
    if (!Number.isInteger(amount) || amount < 1 || !currency || !destination) {
      return stripeError(400, "invalid_request_error", "amount, currency and destination are required");
    }
    const account = accounts.get(destination);
    if (!account)
      return stripeError(400, "invalid_request_error", `No such destination: '${destination}'`, "resource_missing");
    if (account.payouts_enabled !== true) {
      return stripeError(
        400,
        "invalid_request_error",
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        "insufficient_capabilities_for_transfer",
      );
    }
    if (failTransfers > 0 && (failTransferGroup === undefined || str(form.transfer_group) === failTransferGroup)) {
      failTransfers--;
      return stripeError(400, "invalid_request_error", "Insufficient funds in Stripe account.", "balance_insufficient");
    }
    const id = newId("tr_");
    const transfer = {
      ...fixture("transfer"),
      id,
      created: Math.floor(Date.now() / 1000),
      amount,
      amount_reversed: 0,
      currency,
      destination,
      destination_payment: newId("py_"),
      balance_transaction: newId("txn_"),
      metadata: obj(form.metadata),
      reversals: { data: [], has_more: false, object: "list", url: `/v1/transfers/${id}/reversals` },
      reversed: false,
      source_transaction: str(form.source_transaction),
      transfer_group: str(form.transfer_group),
    };
    transfers.set(id, transfer);
    return { status: 200, json: transfer };
  }

  /** `POST /v1/transfers/:id/reversals` (full unless `amount`). */
  function reverseTransfer(id: string, form: { [key: string]: FormValue }) {
    const t = transfers.get(id);
    if (!t) return stripeError(404, "invalid_request_error", `No such transfer: '${id}'`, "resource_missing");
    const left = Number(t.amount) - Number(t.amount_reversed);
    const amount = str(form.amount) === null ? left : Number(str(form.amount));
    if (left <= 0) return stripeError(400, "invalid_request_error", `Transfer ${id} has already been reversed.`);
    if (!Number.isInteger(amount) || amount < 1 || amount > left) {
      return stripeError(400, "invalid_request_error", "Amount must be no more than the transfer amount left");
    }
    const reversal = {
      ...fixture("transfer_reversal"),
      id: newId("trr_"),
      created: Math.floor(Date.now() / 1000),
      amount,
      currency: t.currency as string,
      balance_transaction: newId("txn_"),
      metadata: obj(form.metadata),
      transfer: id,
    };
    const list = t.reversals as { data: unknown[] };
    list.data.unshift(reversal);
    t.amount_reversed = Number(t.amount_reversed) + amount;
    t.reversed = Number(t.amount_reversed) >= Number(t.amount);
    return { status: 200, json: reversal };
  }

  /** `POST /v1/accounts` (Connect): a new Express account, onboarding not started. */
  function createAccount(form: { [key: string]: FormValue }) {
    if (str(form.type) !== "express") return stripeError(400, "invalid_request_error", "type must be express here");
    const fx = fixture("account");
    const account = {
      ...fx,
      id: newId("acct_"),
      type: "express",
      created: Math.floor(Date.now() / 1000),
      email: str(form.email),
      metadata: obj(form.metadata),
      details_submitted: false,
      charges_enabled: false,
      payouts_enabled: false,
    };
    accounts.set(account.id, account);
    return { status: 200, json: account };
  }

  /** `POST /v1/account_links`: a single-use hosted onboarding URL on this stub. */
  function createAccountLink(form: { [key: string]: FormValue }, base: string) {
    const account = str(form.account);
    if (!account || !accounts.has(account)) {
      return stripeError(400, "invalid_request_error", `No such account: '${account ?? ""}'`, "resource_missing");
    }
    if (!str(form.refresh_url) || !str(form.return_url) || !str(form.type)) {
      return stripeError(400, "invalid_request_error", "refresh_url, return_url and type are required");
    }
    const created = Math.floor(Date.now() / 1000);
    const url = `${base}/connect/onboarding/${account}?return_url=${encodeURIComponent(str(form.return_url) ?? "")}`;
    return { status: 200, json: { ...fixture("account_link"), created, expires_at: created + 300, url } };
  }

  function expireSession(id: string) {
    const session = sessions.get(id);
    if (!session)
      return stripeError(404, "invalid_request_error", `No such checkout.session: '${id}'`, "resource_missing");
    if (session.status !== "open") {
      return stripeError(
        400,
        "invalid_request_error",
        `Only Checkout Sessions with a status in ["open"] can be expired.`,
      );
    }
    session.status = "expired";
    return { status: 200, json: session };
  }

  /** `POST /v1/refunds`: full unless `amount` (minor units, at most what is left unrefunded). */
  function createRefund(form: { [key: string]: FormValue }) {
    const pi = str(form.payment_intent);
    const paid = pi ? amountsByIntent.get(pi) : undefined;
    if (!pi || !paid) return stripeError(400, "invalid_request_error", "No such payment_intent", "resource_missing");
    const already = refundedByIntent.get(pi) ?? 0;
    const left = paid.amount - already;
    const amount = str(form.amount) === null ? left : Number(str(form.amount));
    if (left <= 0) {
      return stripeError(
        400,
        "invalid_request_error",
        `Charge for ${pi} has already been refunded.`,
        "charge_already_refunded",
      );
    }
    if (!Number.isInteger(amount) || amount < 1 || amount > left) {
      return stripeError(
        400,
        "invalid_request_error",
        `Refund amount (${String(str(form.amount))}) is greater than unrefunded amount on charge (${left})`,
        "amount_too_large",
      );
    }
    let chargeId = chargeOf.get(pi);
    if (!chargeId) chargeOf.set(pi, (chargeId = newId("ch_")));
    refundedByIntent.set(pi, already + amount);
    const refund = {
      ...fixture("refund"),
      id: newId("re_"),
      created: Math.floor(Date.now() / 1000),
      payment_intent: pi,
      charge: chargeId,
      balance_transaction: newId("txn_"),
      amount,
      currency: paid.currency,
      reason: str(form.reason),
      metadata: obj(form.metadata),
      status: "succeeded",
    };
    refunds.set(refund.id, refund);
    return { status: 200, json: refund };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const form = parseStripeForm(raw);
      const path = new URL(req.url ?? "/", "http://stub").pathname;
      const key = req.headers["idempotency-key"];
      const idempotencyKey = typeof key === "string" ? key : null;
      requests.push({ method: req.method ?? "", path, idempotencyKey, body: form });
      const send = (r: { status: number; json: unknown }) => {
        const problems = stripeSchemaErrors(r.json);
        if (problems.length) {
          schemaViolations.push(...problems);
          r = stripeError(
            400,
            "invalid_request_error",
            `stub response violates Stripe's OpenAPI schema: ${problems.join("; ")}`,
            "stub_schema_violation",
          );
        }
        res.writeHead(r.status, { "content-type": "application/json", "request-id": newId("req_") });
        res.end(JSON.stringify(r.json));
      };
      const onboarding = /^\/connect\/onboarding\/(acct_[A-Za-z0-9]+)$/.exec(path);
      if (req.method === "GET" && onboarding?.[1]) {
        // The stubbed hosted onboarding page: completes onboarding at once and sends the browser back.
        const account = accounts.get(onboarding[1]);
        const back = new URL(req.url ?? "/", "http://stub").searchParams.get("return_url");
        if (!account || !back) return send(stripeError(404, "invalid_request_error", "No such account link"));
        Object.assign(account, { details_submitted: true, charges_enabled: true, payouts_enabled: true });
        account.requirements = { ...obj(account.requirements as FormValue), currently_due: [], disabled_reason: null };
        res.writeHead(303, { location: back });
        return res.end();
      }
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return send(stripeError(401, "invalid_request_error", "Invalid API Key provided"));
      }
      const replayKey = idempotencyKey ? `${path}:${idempotencyKey}` : null;
      const bodyHash = createHash("sha256").update(raw).digest("hex");
      const previous = replayKey ? replays.get(replayKey) : undefined;
      if (previous) {
        if (previous.bodyHash !== bodyHash) {
          return send(
            stripeError(
              400,
              "idempotency_error",
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            ),
          );
        }
        // A replay returns the stored object, refreshed for sessions whose status a test changed.
        const json = previous.json as { id?: string };
        return send({ status: previous.status, json: (json.id && sessions.get(json.id)) || json });
      }
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const sessionPath = /^\/v1\/checkout\/sessions\/(cs_[A-Za-z0-9_]+)(\/expire)?$/.exec(path);
      const refundPath = /^\/v1\/refunds\/(re_[A-Za-z0-9]+)$/.exec(path);
      const accountPath = /^\/v1\/accounts\/(acct_[A-Za-z0-9]+)$/.exec(path);
      const query = new URL(req.url ?? "/", "http://stub").searchParams;
      const intentPath = /^\/v1\/payment_intents\/(pi_[A-Za-z0-9]+)$/.exec(path);
      const transferPath = /^\/v1\/transfers\/(tr_[A-Za-z0-9]+)(\/reversals)?$/.exec(path);
      const connect =
        req.method === "GET" && intentPath?.[1]
          ? retrievePaymentIntent(intentPath[1], [...query.values()].includes("latest_charge.balance_transaction"))
          : req.method === "POST" && path === "/v1/transfers"
            ? createTransfer(form)
            : req.method === "GET" && path === "/v1/transfers"
              ? {
                  status: 200,
                  json: {
                    object: "list",
                    url: "/v1/transfers",
                    has_more: false,
                    data: [...transfers.values()]
                      .filter((t) => !query.get("transfer_group") || t.transfer_group === query.get("transfer_group"))
                      .reverse(),
                  },
                }
              : req.method === "GET" && transferPath?.[1] && !transferPath[2]
                ? ((t) => (t ? { status: 200, json: t } : null))(transfers.get(transferPath[1]))
                : req.method === "POST" && transferPath?.[1] && transferPath[2]
                  ? reverseTransfer(transferPath[1], form)
                  : null;
      const missing = (what: string) =>
        stripeError(404, "invalid_request_error", `No such ${what}`, "resource_missing");
      const result =
        connect ??
        (req.method === "POST" && path === "/v1/checkout/sessions"
          ? createSession(form, base)
          : req.method === "POST" && path === "/v1/refunds"
            ? createRefund(form)
            : req.method === "GET" && sessionPath?.[1] && !sessionPath[2]
              ? ((s) => (s ? { status: 200, json: s } : missing("checkout.session")))(sessions.get(sessionPath[1]))
              : req.method === "POST" && sessionPath?.[1] && sessionPath[2]
                ? expireSession(sessionPath[1])
                : req.method === "GET" && refundPath?.[1]
                  ? ((r) => (r ? { status: 200, json: r } : missing("refund")))(refunds.get(refundPath[1]))
                  : req.method === "POST" && path === "/v1/accounts"
                    ? createAccount(form)
                    : req.method === "POST" && path === "/v1/account_links"
                      ? createAccountLink(form, base)
                      : req.method === "GET" && accountPath?.[1]
                        ? ((a) => (a ? { status: 200, json: a } : missing("account")))(accounts.get(accountPath[1]))
                        : stripeError(
                            404,
                            "invalid_request_error",
                            `Unrecognized request URL (${req.method}: ${path}).`,
                          ));
      if (replayKey && result.status < 500) replays.set(replayKey, { bodyHash, ...result });
      send(result);
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  // A stub started at module load (authz registry) must not keep the test worker alive.
  if (opts.unref) server.unref();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    sessions,
    accounts,
    transfers,
    schemaViolations,
    failNextTransfers: (n, transferGroup) => {
      failTransfers = n;
      failTransferGroup = transferGroup;
    },
    registerPayment: (paymentIntent, amount, currency) => amountsByIntent.set(paymentIntent, { amount, currency }),
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
