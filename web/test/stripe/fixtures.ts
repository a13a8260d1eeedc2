/** The real Stripe objects of test/fixtures/stripe (stripe/openapi fixtures3.json, MIT; see SOURCE.md there). */
import { readFileSync } from "node:fs";
import path from "node:path";

/** Fixture names (file stems). */
export type FixtureName =
  | "checkout.session"
  | "charge"
  | "refund"
  | "payment_intent"
  | "event"
  | "account"
  | "account_link"
  | "transfer"
  | "transfer_reversal"
  | "balance_transaction"
  | "payout";

const DIR = path.resolve(import.meta.dirname, "../fixtures/stripe");
const cache = new Map<FixtureName, string>();

/** A fresh deep copy of one fixture object. */
export function fixture(name: FixtureName): Record<string, unknown> {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(DIR, `${name}.json`), "utf8");
    cache.set(name, text);
  }
  return JSON.parse(text) as Record<string, unknown>;
}
