/**
 * POST /api/auth/signup on a school server (OFFLINE_MODE=true, SIGNUP unset → closed): 403 `signup_closed`
 * before the body is read or a sign-up is counted, and no account is written. (Open sign-up: the authorization
 * matrix, web/test/authz/endpoints/auth.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../../test/db.ts";
import { apiRequest, matrixEnv } from "../../../../../test/authz/session.ts";

let t: TestDatabase;
const keys: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  // The handler reads the process-wide env()/db(): a school server's settings, before the route is imported.
  const settings = { ...(await matrixEnv(t.url)), OFFLINE_MODE: "true" };
  for (const [k, v] of Object.entries(settings)) {
    if (process.env[k] === undefined) keys.push(k);
    process.env[k] = v;
  }
  delete process.env.SIGNUP;
});
afterAll(async () => {
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  for (const k of keys) delete process.env[k];
  delete process.env.OFFLINE_MODE;
  await t.drop();
});

describe("POST /api/auth/signup with sign-up closed", () => {
  it("answers 403 signup_closed and writes nothing, also for a malformed body", async () => {
    const { POST } = await import("./route.ts");
    const before = await t.db.user.count();
    const res = await POST(
      apiRequest("POST", "/api/auth/signup", {
        body: { email: "pupil@school.example", password: "long enough pw", name: "Pupil" },
      }),
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("signup_closed");
    const bad = await POST(apiRequest("POST", "/api/auth/signup", { body: { email: "nope" } }));
    expect(bad.status).toBe(403);
    expect(await t.db.user.count()).toBe(before);
    expect(await t.db.rateLimitCounter.count()).toBe(0); // not counted against the client either
  });
});
