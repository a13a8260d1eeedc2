import { decode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { changeRoles } from "@/features/auth/account.ts";
import { getSessionUser, invalidateSessions, type SessionDeps } from "../auth.ts";
import { refreshSessionCookie, REFRESH_AFTER_SECONDS } from "./session-refresh.ts";

let t: TestDatabase;
let deps: SessionDeps;
beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, secret: TEST_AUTH_SECRET, appUrl: TEST_APP_URL, maxAgeSeconds: 3600 };
});
afterAll(async () => {
  await t.drop();
});

const req = (cookie: string) => apiRequest("GET", "/api/x", { cookie });

describe("server-side session invalidation", () => {
  it("refuses every session issued before the version was bumped (sign-out elsewhere, credential change)", async () => {
    const user = await t.db.user.create({ data: { name: "A" } });
    const phone = await sessionCookie(user);
    const laptop = await sessionCookie(user);
    expect(await getSessionUser(req(phone), deps)).not.toBeNull();
    await invalidateSessions(t.db, user.id);
    expect(await getSessionUser(req(phone), deps)).toBeNull();
    expect(await getSessionUser(req(laptop), deps)).toBeNull();
    // A session issued afterwards (carrying the new version) works.
    expect(await getSessionUser(req(await sessionCookie(user, { sessionVersion: 1 })), deps)).not.toBeNull();
  });

  it("an admin's role change ends the target's sessions", async () => {
    const admin = await t.db.user.create({ data: { name: "Admin", roles: ["LEARNER", "PLATFORM_ADMIN"] } });
    const user = await t.db.user.create({ data: { name: "B" } });
    const cookie = await sessionCookie(user);
    await changeRoles(t.db, admin.id, user.id, { add: ["PROVIDER"], remove: [] });
    expect(await getSessionUser(req(cookie), deps)).toBeNull();
  });

  it("ends a session after the absolute lifetime from sign-in, even when its cookie is fresh", async () => {
    const user = await t.db.user.create({ data: { name: "C" } });
    const old = Math.floor(Date.now() / 1000) - 3601;
    expect(await getSessionUser(req(await sessionCookie(user, { authTime: old })), deps)).toBeNull();
    expect(await getSessionUser(req(await sessionCookie(user, { authTime: old + 120 })), deps)).not.toBeNull();
  });
});

describe("idle timeout refresh", () => {
  const opts = {
    cookieName: "next-auth.session-token",
    secret: TEST_AUTH_SECRET,
    idleSeconds: 600,
    maxAgeSeconds: 3600,
    secure: false,
  };

  it("re-issues an older token with a fresh expiry capped by the absolute lifetime, keeping the claims", async () => {
    const cookie = await sessionCookie({ id: "u1" }, { maxAgeSeconds: 600, sessionVersion: 4 });
    const later = new Date(Date.now() + (REFRESH_AFTER_SECONDS + 10) * 1000);
    const refreshed = await refreshSessionCookie(cookie, { ...opts, now: later });
    expect(refreshed).not.toBeNull();
    expect(refreshed!.maxAgeSeconds).toBe(600);
    const claims = await decode({ token: refreshed!.value, secret: TEST_AUTH_SECRET });
    expect(claims).toMatchObject({ sub: "u1", sv: 4 });
    // Close to the absolute end, the cookie lives only until then.
    const nearEnd = new Date(Date.now() + 3500 * 1000);
    expect((await refreshSessionCookie(cookie, { ...opts, now: nearEnd }))?.maxAgeSeconds).toBeLessThanOrEqual(100);
  });

  it("leaves young, foreign and absent tokens alone", async () => {
    const cookie = await sessionCookie({ id: "u2" });
    expect(await refreshSessionCookie(cookie, opts)).toBeNull();
    expect(await refreshSessionCookie("next-auth.session-token=garbage", opts)).toBeNull();
    expect(await refreshSessionCookie(null, opts)).toBeNull();
  });
});
