/**
 * Validation of Stripe objects against Stripe's published OpenAPI component schemas
 * (test/fixtures/stripe/openapi/<resource>.json, see SOURCE.md there) with ajv, so the stub cannot
 * drift from the real API. OpenAPI 3.0 → JSON Schema: `nullable: true` allows null; a `$ref` to an
 * extracted component is followed, a `$ref` to a component that was not extracted accepts any object
 * (only the resources the stub serves are extracted); `x-*` extensions and the custom formats
 * (`unix-time`, `currency`) are ignored. Objects are closed (`additionalProperties: false` wherever the
 * schema lists `properties`), so a field the stub invents that Stripe does not have fails too.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

const DIR = path.resolve(import.meta.dirname, "../fixtures/stripe/openapi");

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The extracted resources (file stems = Stripe `object` values, e.g. `transfer`). */
export const SCHEMA_RESOURCES: readonly string[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5));

function convert(node: Json, known: ReadonlySet<string>): Json {
  if (Array.isArray(node)) return node.map((n) => convert(n, known));
  if (node === null || typeof node !== "object") return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("x-") || k === "nullable" || k === "description" || k === "format") continue;
    if (k === "$ref" && typeof v === "string") {
      const name = v.replace("#/components/schemas/", "");
      return known.has(name) ? { $ref: `stripe:${name}` } : { type: "object" };
    }
    out[k] =
      k === "properties" && v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s, known)]))
        : convert(v, known);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return node.nullable === true ? { anyOf: [out, { type: "null" }] } : out;
}

let validators: Map<string, ValidateFunction> | undefined;

function load(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const known = new Set(SCHEMA_RESOURCES);
  for (const name of known) {
    const raw = JSON.parse(readFileSync(path.join(DIR, `${name}.json`), "utf8")) as Json;
    const schema = convert(raw, known) as { [k: string]: Json };
    ajv.addSchema({ ...schema, $id: `stripe:${name}` });
  }
  validators = new Map([...known].map((n) => [n, ajv.getSchema(`stripe:${n}`) as ValidateFunction]));
  return validators;
}

/**
 * Problems of `value` against the schema of its `object` (a list's items are checked one by one).
 * @returns [] when valid or when no schema of that resource was extracted; else ajv's messages
 */
export function stripeSchemaErrors(value: unknown): string[] {
  if (value === null || typeof value !== "object") return [];
  const o = value as { object?: unknown; data?: unknown };
  if (o.object === "list" && Array.isArray(o.data)) return o.data.flatMap((d) => stripeSchemaErrors(d));
  const validate = typeof o.object === "string" ? load().get(o.object) : undefined;
  if (!validate || validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${String(o.object)}${e.instancePath} ${e.message ?? "invalid"}`);
}

/** Whether a schema of resource `object` was extracted. */
export const hasStripeSchema = (object: string) => load().has(object);
