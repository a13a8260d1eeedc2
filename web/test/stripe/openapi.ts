/**
 * Validation of Stripe objects against Stripe's published OpenAPI component schemas
 * (test/fixtures/stripe/openapi/<component>.json, see SOURCE.md there) with ajv, so the stub cannot
 * drift from the real API. OpenAPI 3.0 → JSON Schema: `nullable: true` allows null; a `$ref` to an
 * extracted component is followed, a `$ref` to a component that was not extracted accepts any object
 * (only the resources the stub serves are extracted); `x-*` extensions and the custom formats
 * (`unix-time`, `currency`) are ignored. Objects are closed (`additionalProperties: false` wherever the
 * schema lists `properties`), so a field the stub invents that Stripe does not have fails too.
 *
 * Nothing passes silently: an object whose `object` type has no extracted schema — at the top, inside a
 * list or nested anywhere (e.g. an expanded field) — is an error, and so is a response that is neither a
 * resource, a list of resources nor Stripe's `error` envelope.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

const DIR = path.resolve(import.meta.dirname, "../fixtures/stripe/openapi");

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The extracted components (file stems = component names, e.g. `transfer`, `api_errors`). */
export const SCHEMA_COMPONENTS: readonly string[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5))
  .sort();

/**
 * The list envelope every Stripe list endpoint answers with (`GET /v1/transfers`, a transfer's
 * `reversals`, …): the shape of the spec's inline `*List` schemas (`required: data, has_more, object,
 * url`, `object: "list"`); its items are validated one by one against their own resource schema.
 */
const LIST_SCHEMA = {
  type: "object",
  required: ["data", "has_more", "object", "url"],
  properties: {
    data: { type: "array" },
    has_more: { type: "boolean" },
    object: { type: "string", enum: ["list"] },
    url: { type: "string", maxLength: 5000 },
  },
  additionalProperties: false,
};

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

interface Loaded {
  validators: Map<string, ValidateFunction>;
  /** `object` value → component name (a component is a resource when its `object` enum names it). */
  resources: Map<string, string>;
  list: ValidateFunction;
}
let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const known = new Set(SCHEMA_COMPONENTS);
  const resources = new Map<string, string>();
  for (const name of known) {
    const raw = JSON.parse(readFileSync(path.join(DIR, `${name}.json`), "utf8")) as Json;
    const objectEnum = (raw as { properties?: { object?: { enum?: unknown[] } } }).properties?.object?.enum;
    if (Array.isArray(objectEnum) && objectEnum.length === 1 && objectEnum[0] === name) resources.set(name, name);
    const schema = convert(raw, known) as { [k: string]: Json };
    ajv.addSchema({ ...schema, $id: `stripe:${name}` });
  }
  const validators = new Map([...known].map((n) => [n, ajv.getSchema(`stripe:${n}`) as ValidateFunction]));
  loaded = { validators, resources, list: ajv.compile(LIST_SCHEMA) };
  return loaded;
}

/** The resources (`object` values) that have an extracted schema, sorted. */
export const schemaResources = (): string[] => [...load().resources.keys()].sort();

/** Every `object` type named anywhere inside `value` (lists excluded), with its JSON path. */
function objectTypes(value: unknown, at = ""): { type: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectTypes(v, `${at}/${i}`));
  if (value === null || typeof value !== "object") return [];
  const o = value as Record<string, unknown>;
  const own = typeof o.object === "string" && o.object !== "list" ? [{ type: o.object, at }] : [];
  return [...own, ...Object.entries(o).flatMap(([k, v]) => objectTypes(v, `${at}/${k}`))];
}

const messages = (name: string, v: ValidateFunction) =>
  (v.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? "invalid"}`);

/**
 * Problems of a Stripe API answer (or a webhook event) against Stripe's schemas: a resource against
 * the schema of its `object`, a list envelope and each of its items, an `{ error }` body against
 * `error`; plus one problem per object type (anywhere inside) that has no extracted schema.
 * @returns [] when valid; else readable messages (`transfer/amount must be integer`, …)
 */
export function stripeSchemaErrors(value: unknown): string[] {
  const { validators, resources, list } = load();
  if (value === null || typeof value !== "object" || Array.isArray(value)) return ["response is not a JSON object"];
  const o = value as { object?: unknown; data?: unknown; error?: unknown };
  const unknownTypes = objectTypes(value)
    .filter((t) => !resources.has(t.type))
    .map((t) => `${t.type}${t.at} has no extracted OpenAPI schema (add components.schemas["${t.type}"])`);
  if (o.object === "list") {
    const items = Array.isArray(o.data) ? o.data : [];
    return [...(list(value) ? [] : messages("list", list)), ...items.flatMap(resourceErrors), ...unknownTypes];
  }
  if (o.object === undefined && "error" in o) {
    const validate = validators.get("error");
    return validate && !validate(value) ? messages("error", validate) : [];
  }
  if (typeof o.object !== "string") return ["response has no `object` and is not an error"];
  return [...resourceErrors(value), ...unknownTypes];
}

/** Problems of one resource against the schema of its `object` ([] when no schema: reported apart). */
function resourceErrors(value: unknown): string[] {
  const { validators, resources } = load();
  const type = (value as { object?: unknown } | null)?.object;
  const component = typeof type === "string" ? resources.get(type) : undefined;
  const validate = component ? validators.get(component) : undefined;
  return validate && !validate(value) ? messages(String(type), validate) : [];
}

/** Whether a schema of resource `object` was extracted. */
export const hasStripeSchema = (object: string) => load().resources.has(object);
