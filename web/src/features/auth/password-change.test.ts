/**
 * Password change (issue 11 §7): through the real route handler (PUT /api/auth/password) and the real session
 * path (getSessionUser): every other session ends server-side, this browser's session is re-issued; and any
 * other way of replacing a password hash (a reset) ends the sessions too (database trigger).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { getSessionUser, invalidateSessions, type SessionDeps } from "@/server/auth.ts";
import { sessionCookieName } from "@/server/auth/secret.ts";
import { RATE_LIMITS } from "@/server/rate-limit.ts";
import { authenticateWithPassword } from "./credentials.ts";
import { changePassword } from "./password-change.ts";
import { hashPassword } from "./password.ts";

let t: TestDatabase;
let deps: SessionDeps;
const OLD = "old password 1234";
const NEW = "new password 5678";

beforeAll(async () => {
  t = await createTestDatabase();
  deps = { db: t.db, secret: TEST_AUTH_SECRET, appUrl: TEST_APP_URL, maxAgeSeconds: 3600 };
  // The route handler uses the process-wide env()/db(): point them at this file's database before first use.
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    APP_URL: TEST_APP_URL,
    CHAIN_ID: "31337",
    RPC_URL: "http://127.0.0.1:9",
  });
});

afterAll(async () => {
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  await t.drop();
});

async function userWithPassword(password: string) {
  const email = `pw-${Math.random().toString(36).slice(2)}@example.org`;
  return t.db.user.create({ data: { email, name: "P", passwordHash: await hashPassword(password) } });
}

const asUser = (cookie: string) => getSessionUser(apiRequest("GET", "/api/x", { cookie }), deps);

async function putPassword(cookie: string, body: unknown): Promise<Response> {
  const { PUT } = await import("@/app/api/auth/password/route.ts");
  return PUT(apiRequest("PUT", "/api/auth/password", { cookie, body }));
}

/** The session cookie a response sets, as a `Cookie` request header value. */
function setCookieOf(res: Response): string | null {
  const name = sessionCookieName(TEST_APP_URL);
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line ? line.split(";")[0]! : null;
}

describe("PUT /api/auth/password", () => {
  it("changes the password, ends every other session and keeps this one with a re-issued cookie", async () => {
    const user = await userWithPassword(OLD);
    const here = await sessionCookie(user);
    const phone = await sessionCookie(user);
    const res = await putPassword(here, { currentPassword: OLD, newPassword: NEW });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ status: "changed", otherSessionsEnded: true, sessionKept: true });
    // The other device's session (and the pre-change cookie of this browser) are refused server-side.
    expect(await asUser(phone)).toBeNull();
    expect(await asUser(here)).toBeNull();
    // The re-issued cookie is a valid session of the same user.
    const reissued = setCookieOf(res);
    expect(reissued).not.toBeNull();
    expect((await asUser(reissued!))?.id).toBe(user.id);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    // Only the new password signs in now.
    const signIn = (password: string) =>
      authenticateWithPassword(t.db, { email: user.email!, password }, `198.51.100.${Math.floor(Math.random() * 250)}`);
    expect((await signIn(OLD)).ok).toBe(false);
    expect((await signIn(NEW)).ok).toBe(true);
    const audit = await t.db.auditLog.findMany({ where: { entityId: user.id, action: "auth.password_changed" } });
    expect(audit).toHaveLength(1);
  });

  it("refuses a wrong current password (400, field error) and leaves password and sessions alone", async () => {
    const user = await userWithPassword(OLD);
    const here = await sessionCookie(user);
    const res = await putPassword(here, { currentPassword: "not the password", newPassword: NEW });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { fields: { currentPassword: "wrong_password" } } });
    expect(setCookieOf(res)).toBeNull();
    expect((await asUser(here))?.id).toBe(user.id);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.sessionVersion).toBe(0);
  });

  it("validates the new password server-side (too short, same as the current one) → 400", async () => {
    const user = await userWithPassword(OLD);
    const here = await sessionCookie(user);
    const short = await putPassword(here, { currentPassword: OLD, newPassword: "short" });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { fields: { newPassword: "too_short" } } });
    const same = await putPassword(here, { currentPassword: OLD, newPassword: OLD });
    expect(same.status).toBe(400);
    expect(await same.json()).toMatchObject({ error: { fields: { newPassword: "same_password" } } });
    expect((await asUser(here))?.id).toBe(user.id);
  });

  it("answers 409 for an account without a password (wallet accounts add one instead)", async () => {
    const user = await t.db.user.create({ data: { name: "Wallet only" } });
    const res = await putPassword(await sessionCookie(user), { currentPassword: "anything at all", newPassword: NEW });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { fields: { currentPassword: "no_password" } } });
  });

  it("is rate-limited per account: 429 + Retry-After once the attempts are used up", async () => {
    const user = await userWithPassword(OLD);
    const here = await sessionCookie(user);
    const max = RATE_LIMITS.passwordPerAccount.max;
    for (let i = 0; i < max; i++) {
      const res = await putPassword(here, { currentPassword: `wrong guess ${i}`, newPassword: NEW });
      expect(res.status).toBe(400);
    }
    const refused = await putPassword(here, { currentPassword: OLD, newPassword: NEW });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Not changed: the old password still verifies.
    expect((await authenticateWithPassword(t.db, { email: user.email!, password: OLD }, "198.51.100.7")).ok).toBe(true);
  });

  it("refuses anonymous callers with 401", async () => {
    const { PUT } = await import("@/app/api/auth/password/route.ts");
    const res = await PUT(
      apiRequest("PUT", "/api/auth/password", { body: { currentPassword: OLD, newPassword: NEW } }),
    );
    expect(res.status).toBe(401);
  });
});

describe("every password replacement ends the sessions (trigger on User.passwordHash)", () => {
  it("a reset that only writes the new hash bumps the session version; adding a first password does not", async () => {
    const user = await userWithPassword(OLD);
    const cookie = await sessionCookie(user);
    // e.g. a password reset by e-mail or by a script that forgets invalidateSessions()
    await t.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(NEW) } });
    expect(await asUser(cookie)).toBeNull();
    // Writing the same hash again, or a profile change, keeps the sessions.
    const v1 = await sessionCookie(user, { sessionVersion: 1 });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    await t.db.user.update({ where: { id: user.id }, data: { passwordHash: row.passwordHash, name: "Q" } });
    expect((await asUser(v1))?.id).toBe(user.id);

    const wallet = await t.db.user.create({ data: { name: "W" } });
    const walletCookie = await sessionCookie(wallet);
    await t.db.user.update({ where: { id: wallet.id }, data: { passwordHash: await hashPassword(NEW) } });
    expect((await asUser(walletCookie))?.id).toBe(wallet.id);
  });

  it("a reset that also calls invalidateSessions() in its transaction bumps once (teacher / e-mail reset)", async () => {
    const user = await userWithPassword(OLD);
    await t.db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(NEW) } });
      await invalidateSessions(tx, user.id);
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    // Separate events still bump each time.
    await invalidateSessions(t.db, user.id);
    await t.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(OLD) } });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(3);
  });

  it("a change that bumps the version itself is bumped once, not twice", async () => {
    const user = await userWithPassword(OLD);
    const { sessionVersion } = await changePassword(t.db, user.id, { currentPassword: OLD, newPassword: NEW });
    expect(sessionVersion).toBe(1);
  });
});
