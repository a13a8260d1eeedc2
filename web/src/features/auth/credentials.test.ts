import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { authenticateWithPassword, signUp, signUpQuietly } from "./credentials.ts";
import { SIGN_IN_LIMIT, signInKey } from "./rate-limit.ts";
import { signUpSchema } from "./schemas.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const input = (email: string) => signUpSchema.parse({ email, password: "long enough pw", name: " Ada " });

describe("sign-up", () => {
  it("creates a learner with a normalized e-mail, trimmed name and Argon2id hash, audited", async () => {
    const user = await signUp(t.db, input("  Ada@Example.ORG "));
    expect(user).toMatchObject({ email: "ada@example.org", name: "Ada", roles: ["LEARNER"] });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await t.db.auditLog.findMany({ where: { entityId: user.id } });
    expect(audit.map((a) => a.action)).toEqual(["user.signed_up"]);
  });

  it("refuses a registered e-mail with 409 internally; the quiet variant reveals nothing and changes nothing", async () => {
    const err = await signUp(t.db, input("ADA@example.org")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: "conflict", status: 409, fields: { email: "taken" } });
    const before = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    await expect(
      signUpQuietly(t.db, { ...input("ada@example.org"), password: "another password" }),
    ).resolves.toBeUndefined();
    const after = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it("validates fields with stable codes", () => {
    const r = signUpSchema.safeParse({ email: "nope", password: "short", name: "  " });
    expect(r.success).toBe(false);
    const codes = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(codes).toEqual({ email: "invalid_email", password: "too_short", name: "required" });
  });
});

describe("password sign-in", () => {
  it("accepts the right password and refuses wrong password and unknown e-mail alike", async () => {
    await signUp(t.db, input("grace@example.org"));
    const ok = await authenticateWithPassword(
      t.db,
      { email: "grace@example.org", password: "long enough pw" },
      "1.1.1.1",
    );
    expect(ok).toMatchObject({ ok: true, user: { email: "grace@example.org", roles: ["LEARNER"] } });
    expect(ok.ok && "passwordHash" in ok.user).toBe(false);
    const wrong = await authenticateWithPassword(t.db, { email: "grace@example.org", password: "wrong!" }, "1.1.1.1");
    const unknown = await authenticateWithPassword(t.db, { email: "nobody@example.org", password: "x" }, "1.1.1.1");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after repeated failures from any addresses, until the window passes", async () => {
    await signUp(t.db, input("linus@example.org"));
    const now = new Date();
    const creds = { email: "linus@example.org", password: "wrong password" };
    for (let i = 0; i < SIGN_IN_LIMIT.perAccount.max; i++) {
      const ip = `9.9.9.${i}`; // a distributed guesser: a different address every time
      expect(await authenticateWithPassword(t.db, creds, ip, now)).toEqual({ ok: false, reason: "invalid" });
    }
    const right = { email: "linus@example.org", password: "long enough pw" };
    const locked = await authenticateWithPassword(t.db, right, "8.8.8.8", now);
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok === false && locked.reason === "rate_limited" && locked.retryAfterSeconds).toBeGreaterThan(800);
    // Later than the window the account may sign in again.
    const later = new Date(now.getTime() + (SIGN_IN_LIMIT.perAccount.windowSeconds + 5) * 1000);
    expect((await authenticateWithPassword(t.db, right, "9.9.9.9", later)).ok).toBe(true);
    // Audit rows hold only the hashed key.
    const rows = await t.db.auditLog.findMany({
      where: { entity: "SignIn", entityId: signInKey(creds.email, "9.9.9.0") },
    });
    expect(rows.filter((r) => r.action === "auth.signin_failed")).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("linus@");
  });

  it("throttles one client address walking through many accounts", async () => {
    const now = new Date();
    for (let i = 0; i < SIGN_IN_LIMIT.perAddress.max; i++) {
      await authenticateWithPassword(t.db, { email: `nobody${i}@example.org`, password: "x" }, "6.6.6.6", now);
    }
    await signUp(t.db, input("barbara@example.org"));
    const right = { email: "barbara@example.org", password: "long enough pw" };
    expect(await authenticateWithPassword(t.db, right, "6.6.6.6", now)).toMatchObject({ reason: "rate_limited" });
    expect((await authenticateWithPassword(t.db, right, "5.5.5.5", now)).ok).toBe(true);
  });

  it("a success resets the failure count", async () => {
    await signUp(t.db, input("ken@example.org"));
    const wrong = { email: "ken@example.org", password: "wrong password" };
    const right = { email: "ken@example.org", password: "long enough pw" };
    for (let i = 0; i < SIGN_IN_LIMIT.perAccount.max - 1; i++) await authenticateWithPassword(t.db, wrong, "7.7.7.7");
    expect((await authenticateWithPassword(t.db, right, "7.7.7.7")).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMIT.perAccount.max - 1; i++) await authenticateWithPassword(t.db, wrong, "7.7.7.7");
    expect((await authenticateWithPassword(t.db, right, "7.7.7.7")).ok).toBe(true);
  });
});
