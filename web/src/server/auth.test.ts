import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../test/authz/session.ts";
import { getSessionUser, hasRole, requireRole, requireUser, type SessionDeps } from "./auth.ts";
import { ApiError } from "./http.ts";

let t: TestDatabase;
let deps: SessionDeps;
beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, secret: TEST_AUTH_SECRET, appUrl: TEST_APP_URL };
});
afterAll(async () => {
  await t.drop();
});

const req = (cookie: string | null) => apiRequest("GET", "/api/x", { cookie });

describe("getSessionUser", () => {
  it("is null without, or with a foreign/tampered/expired, session cookie", async () => {
    const user = await t.db.user.create({ data: { name: "A" } });
    expect(await getSessionUser(req(null), deps)).toBeNull();
    expect(
      await getSessionUser(req(await sessionCookie(user, { secret: "another-secret-0123456789abcdef0123" })), deps),
    ).toBeNull();
    const good = await sessionCookie(user);
    expect(await getSessionUser(req(good.slice(0, -3) + "AAA"), deps)).toBeNull();
    expect(await getSessionUser(req(await sessionCookie(user, { maxAgeSeconds: -60 })), deps)).toBeNull();
  });

  it("reads the user and the CURRENT roles from the database, not the token", async () => {
    const user = await t.db.user.create({ data: { name: "Bea", email: "bea@example.org" } });
    const cookie = await sessionCookie({ id: user.id, roles: ["LEARNER", "PLATFORM_ADMIN"] });
    expect(await getSessionUser(req(cookie), deps)).toEqual({
      id: user.id,
      name: "Bea",
      email: "bea@example.org",
      roles: ["LEARNER"],
    });
    await t.db.user.update({ where: { id: user.id }, data: { roles: ["LEARNER", "PROVIDER"] } });
    expect((await getSessionUser(req(cookie), deps))?.roles).toEqual(["LEARNER", "PROVIDER"]);
    await t.db.user.delete({ where: { id: user.id } });
    expect(await getSessionUser(req(cookie), deps)).toBeNull();
  });

  it("joins chunked session cookies", async () => {
    const user = await t.db.user.create({ data: { name: "C" } });
    const [name, token] = (await sessionCookie(user)).split("=") as [string, string];
    const cut = Math.floor(token.length / 2);
    const chunked = `other=1; ${name}.0=${token.slice(0, cut)}; ${name}.1=${token.slice(cut)}`;
    expect((await getSessionUser(req(chunked), deps))?.id).toBe(user.id);
  });
});

describe("requireUser / requireRole", () => {
  it("throws 401 for anonymous callers and 403 for missing roles", async () => {
    const err = await requireUser(req(null), deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    const user = await t.db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } });
    const me = await requireUser(req(await sessionCookie(user)), deps);
    expect(requireRole(me, "PROVIDER", "PLATFORM_ADMIN")).toBe(me);
    expect(() => requireRole(me, "PLATFORM_ADMIN")).toThrow(
      expect.objectContaining({ status: 403, code: "forbidden" }),
    );
    expect(hasRole(null, "LEARNER")).toBe(false);
  });
});
