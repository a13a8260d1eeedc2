/**
 * Malformed-input fuzz over every route of the authorization matrix: for each endpoint, as an identity the
 * matrix expects to SUCCEED (so validation, not authorization, is what answers), send malformed JSON, wrong
 * content types, wrong types per field, huge numbers, NUL/control characters, `__proto__`/`constructor` keys,
 * oversized bodies and junk path and query parameters. Every answer to a write must be a 4xx with the API error
 * shape — never 2xx, never 500 —, a read may also answer 2xx (a search for junk finds nothing), never 5xx; and the
 * database must be unchanged (every table's content hashed before and after; only the
 * rate-limit counters may move).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@smolitux/db";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { ENDPOINTS } from "./endpoints.ts";
import { createIdentity, IDENTITIES, type AuthzEndpoint, type RequestOverride } from "./harness.ts";
import { matrixEnv } from "./session.ts";

let t: TestDatabase;
let tables: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  Object.assign(process.env, await matrixEnv(t.url));
  const rows = await t.db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('_prisma_migrations', 'RateLimitCounter')`;
  tables = rows.map((r) => r.name).sort();
});

afterAll(async () => {
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  await t.drop();
});

/** One hash per table of its whole content (small test database). */
async function snapshot(db: PrismaClient): Promise<string> {
  const parts = await Promise.all(
    tables.map(async (name) => {
      const [row] = await db.$queryRawUnsafe<{ h: string | null }[]>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`,
      );
      return `${name}:${row?.h}`;
    }),
  );
  return parts.join("\n");
}

const HUGE = "123456789012345678901234567890";
const CONTROL = "a\u0000b\u0007c\u001b[31m\r\nSet-Cookie: x=1";

/** Wrong-typed replacements for a value (never of the value's own type). */
function wrongTypes(value: unknown): unknown[] {
  if (typeof value === "string") return [12, { $gt: "" }, [value], true];
  if (typeof value === "number") return ["12abc", "1e400", true, [value]];
  if (typeof value === "boolean") return ["true", 1, null];
  if (Array.isArray(value)) return [{ 0: value[0] }, "[]", 7];
  if (value && typeof value === "object") return ["{}", [value], 5];
  return [];
}

type Mutation = { label: string; override: RequestOverride };

/** Malformed variants of an endpoint's valid body. */
function bodyMutations(body: unknown): Mutation[] {
  const json = (label: string, raw: string): Mutation => ({
    label,
    override: { raw: { body: raw, contentType: "application/json" } },
  });
  const out: Mutation[] = [
    json("truncated JSON", "{"),
    json("empty body", ""),
    json("JSON null", "null"),
    json("JSON array", "[]"),
    json("JSON string", '"x"'),
    json("number overflowing to Infinity", "1e400"),
    json("deep nesting", "[".repeat(5000) + "]".repeat(5000)),
    { label: "text/plain", override: { raw: { body: JSON.stringify(body ?? {}), contentType: "text/plain" } } },
    json("2 MB body", JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) })),
  ];
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const fields = Object.entries(body as Record<string, unknown>);
    out.push(json("__proto__ key", `{"__proto__":{"isAdmin":true},${JSON.stringify(body).slice(1)}`));
    out.push(
      json(
        "constructor.prototype key",
        `{"constructor":{"prototype":{"isAdmin":true}},${JSON.stringify(body).slice(1)}`,
      ),
    );
    for (const [key, value] of fields) {
      for (const wrong of wrongTypes(value)) {
        out.push({ label: `${key} = ${JSON.stringify(wrong)}`, override: { body: { ...body, [key]: wrong } } });
      }
      if (typeof value === "number") {
        out.push(
          json(
            `${key} = huge integer`,
            JSON.stringify({ ...body, [key]: 0 }).replace(`"${key}":0`, `"${key}":${HUGE}`),
          ),
        );
        out.push({ label: `${key} = -1e15`, override: { body: { ...body, [key]: -1e15 } } });
      }
      if (typeof value === "string") {
        out.push({
          label: `${key} with NUL/control characters`,
          override: { body: { ...body, [key]: `${value}${CONTROL}` } },
        });
        out.push({ label: `${key} 1 MB long`, override: { body: { ...body, [key]: "x".repeat(1024 * 1024 - 100) } } });
      }
    }
  }
  return out;
}

/** Junk path parameters. */
function paramMutations(params: Record<string, string>): Mutation[] {
  const out: Mutation[] = [];
  for (const key of Object.keys(params)) {
    for (const junk of ["__proto__", CONTROL, HUGE, "x".repeat(5000), "../../etc/passwd", "%00"]) {
      out.push({
        label: `param ${key} = ${JSON.stringify(junk).slice(0, 30)}`,
        override: { params: { ...params, [key]: junk } },
      });
    }
  }
  return out;
}

/** Junk query parameters (each key of the valid query in turn). */
function queryMutations(query: Record<string, string> | undefined): Mutation[] {
  const out: Mutation[] = [];
  for (const key of Object.keys(query ?? {})) {
    for (const junk of ["__proto__", CONTROL, HUGE, "x".repeat(5000), "", "%00", "[]"]) {
      out.push({
        label: `query ${key} = ${JSON.stringify(junk).slice(0, 30)}`,
        override: { query: { ...query, [key]: junk } },
      });
    }
  }
  return out;
}

/** The identity whose matrix expectation is a success (validation must be what refuses the input). */
function succeedingIdentity(e: AuthzEndpoint) {
  return IDENTITIES.find((i) => e.expect[i] >= 200 && e.expect[i] < 300);
}

// The Stripe webhook is excluded: its body is authenticated by a signature over the raw bytes, so any change
// is a 400 "invalid signature" of Stripe's own response shape (covered by features/checkout/card tests).
const FUZZED = ENDPOINTS.filter(
  (e) => succeedingIdentity(e) !== undefined && e.path !== "/api/webhooks/stripe" && !e.notFuzzed,
);

describe.each(FUZZED)("$method $path — $name", (endpoint) => {
  it("answers malformed input with 4xx and changes nothing", async () => {
    const identity = succeedingIdentity(endpoint)!;
    const user = await createIdentity(t.db, identity);
    const prepared = await endpoint.prepare({ db: t.db, identity, user });
    const read = endpoint.method === "GET" || endpoint.method === "HEAD";
    const hasBody = prepared.body !== undefined && !read;
    const mutations = [
      ...(hasBody ? bodyMutations(prepared.body) : []),
      ...paramMutations(prepared.params),
      ...queryMutations(prepared.query),
    ];
    const before = await snapshot(t.db);
    const failures: string[] = [];
    for (const m of mutations) {
      const res = await prepared.send(user?.cookie ?? null, m.override);
      const text = await res.text();
      const shaped = /^\{"error":\{"code":"[a-z_]+","message":/.test(text);
      // A read may answer junk with a page of results (a search for "__proto__"); a write never succeeds.
      const accepted = read
        ? res.status < 400 || (res.status < 500 && shaped)
        : res.status >= 400 && res.status < 500 && shaped;
      if (!accepted) failures.push(`${m.label} → ${res.status} ${text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t.db)).toBe(before);
  });
});
