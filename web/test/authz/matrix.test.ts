/**
 * Authorization matrix: every registered endpoint × {anonymous, learner, provider, admin} → expected status.
 * Route handlers run against a fresh database with the real session-cookie path (getSessionUser).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { ENDPOINTS } from "./endpoints.ts";
import { IDENTITIES, runCase } from "./harness.ts";
import { matrixEnv } from "./session.ts";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // The route handlers use the process-wide env()/db(): point them at this file's database before first use.
  Object.assign(process.env, await matrixEnv(t.url));
});

afterAll(async () => {
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  await t.drop();
});

describe.each(ENDPOINTS)("$method $path — $name", (endpoint) => {
  it.each(IDENTITIES.map((identity) => ({ identity, status: endpoint.expect[identity] })))(
    "$identity → $status",
    async ({ identity, status }) => {
      const res = await runCase(t.db, endpoint, identity);
      expect(res.status, res.body).toBe(status);
    },
  );
});
