/**
 * The sign-up notice and the banner's "Resend e-mail" below the UI (real PostgreSQL, real SMTP into the in-process
 * catcher): which address waits for confirmation, a resent link replaces the first one, the rate limit the route
 * `POST /api/auth/email-verification` enforces, and the notice ending once the address is confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { startMailFixture, type MailFixture } from "../../../test/mail.ts";
import type { MailCatcher } from "../../../scripts/stack/mail-catcher.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { resendEmailVerification, unverifiedEmail, verifyEmail } from "./account-mail.ts";
import { signUp } from "./credentials.ts";
import { signUpSchema } from "./schemas.ts";

const APP = "http://localhost:4610";
let t: TestDatabase;
let smtp: MailFixture;
let catcher: MailCatcher;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startMailFixture({ db: t.db, appUrl: APP });
  catcher = smtp.catcher;
});
afterAll(async () => {
  await smtp.close();
  await t.drop();
});

const send = () => smtp.send();
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";
const verifyLinks = (to: string) =>
  catcher.messages
    .filter((m) => m.to.includes(to))
    .flatMap((m) => m.links.filter((l) => l.startsWith(`${APP}/verify-email?token=`)));

describe("verification notice and resend", () => {
  it("names the unconfirmed address; a resent mail arrives with a new link that replaces the first", async () => {
    const email = "notice@example.org";
    const ctx = { appUrl: APP, locale: "de" };
    const user = await signUp(t.db, signUpSchema.parse({ email, password: "long enough pw", name: "Nora" }), ctx);
    expect(await unverifiedEmail(t.db, user.id)).toBe(email);

    await send();
    await catcher.waitFor((m) => m.to.includes(email));
    await resendEmailVerification(t.db, user.id, ctx);
    await send();
    await catcher.waitFor((m) => m.to.includes(email) && verifyLinks(email).length === 2);
    const [first, second] = verifyLinks(email) as [string, string];
    expect(second).not.toBe(first);
    expect(catcher.messages.filter((m) => m.to.includes(email)).map((m) => m.subject)).toEqual([
      "Bestätigen Sie Ihre E-Mail-Adresse",
      "Bestätigen Sie Ihre E-Mail-Adresse",
    ]);

    expect(await verifyEmail(t.db, tokenOf(first))).toBe("invalid");
    expect(await unverifiedEmail(t.db, user.id)).toBe(email);
    expect(await verifyEmail(t.db, tokenOf(second))).toBe("verified");
    expect(await unverifiedEmail(t.db, user.id)).toBeNull();
    // a confirmed account asking again gets no mail
    await resendEmailVerification(t.db, user.id, ctx);
    expect((await send()).sent).toBe(0);
  });

  it("has no address to confirm for accounts without e-mail and unknown ids", async () => {
    const wallet = await t.db.user.create({ data: { name: "Wallet only" } });
    expect(await unverifiedEmail(t.db, wallet.id)).toBeNull();
    expect(await unverifiedEmail(t.db, "c000000000000000000000000")).toBeNull();
  });

  it("allows 5 resends per account and hour, then answers 429 (the route's limit)", async () => {
    const now = new Date("2026-12-01T10:00:00Z");
    for (let i = 0; i < 5; i++) await enforceRateLimits(t.db, [["verificationMailPerAccount", "u-limit"]], now);
    await expect(enforceRateLimits(t.db, [["verificationMailPerAccount", "u-limit"]], now)).rejects.toMatchObject({
      status: 429,
    });
    // another account is not affected; an hour later the account may ask again
    await enforceRateLimits(t.db, [["verificationMailPerAccount", "u-other"]], now);
    await enforceRateLimits(t.db, [["verificationMailPerAccount", "u-limit"]], new Date(now.getTime() + 3_600_001));
  });
});
