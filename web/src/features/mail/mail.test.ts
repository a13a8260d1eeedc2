/**
 * Account mail end to end below the UI: real PostgreSQL, the real nodemailer SMTP transport, and an
 * in-process SMTP server (scripts/stack/mail-catcher.ts, through test/mail.ts) whose received messages the tests read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddress } from "viem";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { startMailFixture, type MailFixture } from "../../../test/mail.ts";
import type { MailCatcher } from "../../../scripts/stack/mail-catcher.ts";
import { smtpTransport } from "@/server/mail.ts";
import { ApiError } from "@/server/http.ts";
import { signUp } from "@/features/auth/credentials.ts";
import { requestPasswordReset, resetPassword, verifyEmail } from "@/features/auth/account-mail.ts";
import { authenticateWithPassword } from "@/features/auth/credentials.ts";
import { signUpSchema } from "@/features/auth/schemas.ts";
import { sendDueMails, MAX_MAIL_AGE_MS } from "./sender.ts";
import { enqueueCardPaymentMail, enqueueWalletPaymentMails } from "./payment-mails.ts";
import { enqueueUserMail } from "./outbox.ts";
import { issueAccountToken } from "./tokens.ts";
import { MAIL_MESSAGES } from "./messages.ts";

const APP = "http://localhost:4600";
const SECRET = "mail-test-secret-0123456789abcdef0123456789";
let t: TestDatabase;
let smtp: MailFixture;
let catcher: MailCatcher;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startMailFixture({ db: t.db, appUrl: APP, unsubscribeSecret: SECRET });
  catcher = smtp.catcher;
});
afterAll(async () => {
  await smtp.close();
  await t.drop();
});

const send = (now?: Date) => smtp.send(now);
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";
const input = (email: string) => signUpSchema.parse({ email, password: "long enough pw", name: "Ada" });

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("account mail", () => {
  it("has every mail string in every locale", () => {
    for (const m of Object.values(MAIL_MESSAGES)) expect(keys(m).sort()).toEqual(keys(MAIL_MESSAGES.en).sort());
  });

  it("mails a verification link at sign-up in the UI language (text + HTML part); the link verifies once", async () => {
    const user = await signUp(t.db, input("ada@example.org"), { appUrl: APP, locale: "de" });
    expect((await send()).sent).toBe(1);
    const mail = await catcher.waitFor((m) => m.to.includes("ada@example.org"));
    expect(mail.subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse");
    expect(mail.language).toBe("de");
    expect(mail.text).toContain("Hallo Ada,");
    expect(mail.html).toContain("E-Mail-Adresse bestätigen");
    // transactional: no unsubscribe headers
    expect(mail.headers["list-unsubscribe"]).toBeUndefined();
    expect(mail.headers["list-unsubscribe-post"]).toBeUndefined();
    const link = mail.links.find((l) => l.startsWith(`${APP}/verify-email?token=`));
    expect(link).toBeDefined();
    // the sent row no longer holds the secret link
    const row = await t.db.mailMessage.findFirstOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ status: "SENT", attempts: 1 });
    expect(JSON.stringify(row.params)).not.toContain("token=");
    expect(await verifyEmail(t.db, tokenOf(link!))).toBe("verified");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).not.toBeNull();
    expect(await verifyEmail(t.db, tokenOf(link!))).toBe("invalid");
    expect(await verifyEmail(t.db, "x".repeat(43))).toBe("invalid");
  });

  it("resets a password by mail: single use, ends sessions, unknown addresses get nothing", async () => {
    const user = await signUp(t.db, input("grace@example.org"), { appUrl: APP, locale: "en" });
    await requestPasswordReset(t.db, "nobody@example.org", { appUrl: APP, locale: "en" });
    await requestPasswordReset(t.db, "grace@example.org", { appUrl: APP, locale: "en" });
    await send();
    const mail = await catcher.waitFor(
      (m) => m.to.includes("grace@example.org") && m.subject === "Reset your password",
    );
    expect(catcher.messages.some((m) => m.to.includes("nobody@example.org"))).toBe(false);
    expect(mail.text).toContain("valid for 60 minutes");
    const link = mail.links.find((l) => l.startsWith(`${APP}/reset-password?token=`))!;
    const before = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    await resetPassword(t.db, tokenOf(link), "a brand new password");
    const after = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBeGreaterThan(before.sessionVersion);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    const signIn = await authenticateWithPassword(
      t.db,
      { email: "grace@example.org", password: "a brand new password" },
      "1.1.1.1",
    );
    expect(signIn.ok).toBe(true);
    const again = await resetPassword(t.db, tokenOf(link), "yet another password").catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ApiError);
    expect(again).toMatchObject({ status: 400, fields: { token: "invalid_token" } });
  });

  it("refuses an expired reset token", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "grace@example.org" } });
    const { token } = await issueAccountToken(t.db, {
      userId: user.id,
      kind: "PASSWORD_RESET",
      email: "grace@example.org",
      ttlMs: 60_000,
      now: new Date(Date.now() - 120_000),
    });
    await expect(resetPassword(t.db, token, "long enough pw 2")).rejects.toMatchObject({ status: 400 });
  });

  it("retries a message the SMTP server refuses, and a server that is down never fails the enqueueing", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    await enqueueUserMail(t.db, user.id, "certificate:c1", "CERTIFICATE_ISSUED", {
      course: "Git",
      certificateId: "c1",
    });
    catcher.failNext(1);
    expect(await send()).toMatchObject({ sent: 0, retry: 1 });
    const row = await t.db.mailMessage.findUniqueOrThrow({ where: { idempotencyKey: "certificate:c1" } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect((await send()).sent).toBe(0); // not due yet
    expect(await send(new Date(Date.now() + 60_000))).toMatchObject({ sent: 1 });
    const mail = await catcher.waitFor((m) => m.subject === "Ihr Zertifikat: Git");
    expect(mail.links).toContain(`${APP}/certificates/c1`);

    const down = smtpTransport("smtp://127.0.0.1:1", "x <x@localhost>");
    await enqueueUserMail(t.db, user.id, "certificate:c2", "CERTIFICATE_ISSUED", {
      course: "Git",
      certificateId: "c2",
    });
    expect(
      await sendDueMails({ db: t.db, transport: down, appUrl: APP, unsubscribeSecret: SECRET, log: smtp.log }),
    ).toMatchObject({ retry: 1 });
    down.close();
    // a second enqueue of the same fact adds nothing
    expect(
      await enqueueUserMail(t.db, user.id, "certificate:c2", "CERTIFICATE_ISSUED", {
        course: "Git",
        certificateId: "c2",
      }),
    ).toBe(false);
    // mail that could not go out within a day is dropped
    const late = await send(new Date(Date.now() + MAX_MAIL_AGE_MS + 60_000));
    expect(late.expired).toBe(1);
  });

  it("sends card and wallet receipts and refund confirmations with amount, currency and reference, once each", async () => {
    const provider = await t.db.user.create({ data: { email: "prov@example.org", roles: ["PROVIDER"] } });
    const learner = await t.db.user.create({ data: { email: "lin@example.org", name: "Lin", locale: "en" } });
    const course = await t.db.course.create({
      data: {
        slug: "mail-course",
        title: "Mail Course",
        providerId: provider.id,
        onchainCourseId: `0x${"ab".repeat(32)}`,
      },
    });
    const payment = await t.db.cardPayment.create({
      data: {
        userId: learner.id,
        courseId: course.id,
        currency: "EUR",
        amount: 1999,
        checkoutSession: "cs_test_mail",
        paymentIntent: "pi_test_mail_1",
        status: "PAID",
      },
    });
    await t.db.$transaction(async (tx) => {
      await enqueueCardPaymentMail(tx, payment.id, "PURCHASE_RECEIPT");
      await enqueueCardPaymentMail(tx, payment.id, "PURCHASE_RECEIPT");
      await enqueueCardPaymentMail(tx, payment.id, "REFUND_CONFIRMATION");
    });
    const wallet = getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    await t.db.wallet.create({ data: { address: wallet, userId: learner.id } });
    await t.db.purchase.create({
      data: {
        chainId: 31337,
        purchaseId: "7",
        courseChainId: course.onchainCourseId!,
        learner: wallet,
        buyer: wallet,
        token: "0x0000000000000000000000000000000000000000",
        amount: "500000000000000000",
        txHash: `0x${"12".repeat(32)}`,
        status: "ESCROWED",
      },
    });
    const fact = {
      kind: "PURCHASE_RECEIPT" as const,
      purchaseId: "7",
      txHash: `0x${"12".repeat(32)}`,
      at: new Date("2026-12-06T12:00:00Z"),
    };
    await t.db.$transaction((tx) => enqueueWalletPaymentMails(tx, 31337, [fact, fact], null));
    await t.db.$transaction((tx) => enqueueWalletPaymentMails(tx, 31337, [fact], null)); // replay
    expect(await send()).toMatchObject({ sent: 3 });
    const toLin = catcher.messages.filter((m) => m.to.includes("lin@example.org"));
    expect(toLin.map((m) => m.subject).sort()).toEqual([
      "Receipt: Mail Course",
      "Receipt: Mail Course",
      "Refund: Mail Course",
    ]);
    // receipts and refunds are transactional: never an unsubscribe link
    for (const m of toLin) expect(Object.keys(m.headers).filter((h) => h.startsWith("list-"))).toEqual([]);
    const card = toLin.find((m) => m.text.includes("pi_test_mail_1") && m.subject.startsWith("Receipt"))!;
    expect(card.text).toContain("Amount: €19.99");
    expect(card.text).toContain("Currency: EUR");
    expect(card.text).toContain("Payment ID: pi_test_mail_1");
    expect(card.links).toContain(`${APP}/learn/mail-course`);
    const onChain = toLin.find((m) => m.text.includes("Transaction:"))!;
    expect(onChain.text).toContain("Amount: 0.5 POL");
    expect(onChain.text).toContain(`Transaction: 0x${"12".repeat(32)}`);
  });
});
