import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { findOidcUser, signInWithOidc, type OidcIdentity } from "./oauth.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const ISSUER = "https://accounts.google.com";
const identity = (over: Partial<OidcIdentity> = {}): OidcIdentity => ({
  issuer: ISSUER,
  subject: "g-1",
  email: "g@example.org",
  emailVerified: true,
  name: "G",
  locale: "fr",
  ...over,
});

describe("OpenID Connect account linking rule", () => {
  it("creates a learner with the verified e-mail and finds it again by issuer + subject", async () => {
    const first = await signInWithOidc(t.db, identity());
    expect(first).toMatchObject({ ok: true, outcome: "created", user: { email: "g@example.org", roles: ["LEARNER"] } });
    if (!first.ok) return;
    const row = await t.db.user.findUniqueOrThrow({ where: { id: first.user.id } });
    expect(row.emailVerified).not.toBeNull();
    expect(row.locale).toBe("fr");
    // The identity is the subject: a changed e-mail at the provider still signs into the same account.
    expect(await signInWithOidc(t.db, identity({ email: "new@example.org", emailVerified: false }))).toEqual({
      ok: true,
      outcome: "signed_in",
      user: first.user,
    });
    expect(await findOidcUser(t.db, ISSUER, "g-1")).toEqual(first.user);
    // The same subject at another issuer is another identity.
    expect(await findOidcUser(t.db, "https://idp.example", "g-1")).toBeNull();
  });

  it("refuses an identity without a verified e-mail and writes nothing", async () => {
    const before = await t.db.user.count();
    expect(
      await signInWithOidc(t.db, identity({ subject: "u-1", email: "u@example.org", emailVerified: false })),
    ).toEqual({ ok: false, reason: "email_unverified" });
    expect(await signInWithOidc(t.db, identity({ subject: "u-2", email: null }))).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect(await t.db.user.count()).toBe(before);
  });

  it("links to an existing account only once it confirmed the address, and one subject per issuer", async () => {
    const owner = await t.db.user.create({ data: { email: "taken@example.org", passwordHash: "x" } });
    const google = identity({ subject: "g-2", email: "Taken@example.org".toLowerCase() });
    expect(await signInWithOidc(t.db, google)).toEqual({ ok: false, reason: "account_not_linked" });
    expect(await t.db.account.count({ where: { userId: owner.id } })).toBe(0);
    await t.db.user.update({ where: { id: owner.id }, data: { emailVerified: new Date() } });
    expect(await signInWithOidc(t.db, google)).toMatchObject({ ok: true, outcome: "linked", user: { id: owner.id } });
    // A second identity at the same issuer claiming the same address is not linked as well.
    expect(await signInWithOidc(t.db, identity({ subject: "g-3", email: "taken@example.org" }))).toEqual({
      ok: false,
      reason: "account_not_linked",
    });
    // Another issuer vouching for the confirmed address may link.
    expect(
      await signInWithOidc(
        t.db,
        identity({ issuer: "https://idp.example", subject: "x-1", email: "taken@example.org" }),
      ),
    ).toMatchObject({ ok: true, outcome: "linked", user: { id: owner.id } });
  });

  it("concurrent first sign-ins of one identity end in one account", async () => {
    const id = identity({ subject: "race-1", email: "race@example.org" });
    const results = await Promise.all([signInWithOidc(t.db, id), signInWithOidc(t.db, id), signInWithOidc(t.db, id)]);
    const ids = new Set(results.map((r) => (r.ok ? r.user.id : "refused")));
    expect(ids.size).toBe(1);
    expect(ids.has("refused")).toBe(false);
    expect(await t.db.user.count({ where: { email: "race@example.org" } })).toBe(1);
  });
});
