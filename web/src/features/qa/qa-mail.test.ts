/**
 * Lesson Q&A by e-mail (issue 14 item 7) end to end below the UI: real PostgreSQL, the Q&A service, the mail outbox
 * sender with the real nodemailer SMTP transport, and the in-process SMTP server whose received messages are read
 * here. The provider is mailed when a learner asks (in German: the provider's locale), the asker when someone else
 * answers (English), with a plain-text part, the link to the question and the opt-out link; nobody is mailed about
 * their own answer, accounts that opted out (PUT /api/auth/account/notifications) get nothing, and the same fact is
 * mailed once. Every Q&A mail carries one-click `List-Unsubscribe` (RFC 2369/8058) with a link that, POSTed as the
 * recipient's mail provider would (no session), turns Q&A mail off for that recipient only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { startMailFixture, type MailFixture } from "../../../test/mail.ts";
import type { CaughtMail, MailCatcher } from "../../../scripts/stack/mail-catcher.ts";
import { answerInputSchema, questionInputSchema } from "./schemas.ts";
import { answerQuestion, askQuestion } from "./service.ts";

const APP = "http://localhost:4600";
let t: TestDatabase;
let smtp: MailFixture;
let catcher: MailCatcher;

beforeAll(async () => {
  t = await createTestDatabase();
  // the unsubscribe links are checked by the app's route, which verifies them with NEXTAUTH_SECRET
  smtp = await startMailFixture({ db: t.db, appUrl: APP, unsubscribeSecret: TEST_AUTH_SECRET });
  catcher = smtp.catcher;
  // The opt-out route uses the process-wide env()/db(): point them at this file's database before first use.
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    APP_URL: TEST_APP_URL,
    CHAIN_ID: "31337",
    RPC_URL: "http://127.0.0.1:9",
  });
});
afterAll(async () => {
  await smtp.close();
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  await t.drop();
});

const send = () => smtp.send();

async function world(tag: string) {
  const provider = await t.db.user.create({
    data: { name: "Paula", email: `paula-${tag}@example.org`, locale: "de", roles: ["LEARNER", "PROVIDER"] },
  });
  const alice = await t.db.user.create({ data: { name: "Alice", email: `alice-${tag}@example.org`, locale: "en" } });
  const bob = await t.db.user.create({ data: { name: "Bob", email: `bob-${tag}@example.org`, locale: "en" } });
  const course = await t.db.course.create({
    data: { slug: `qa-mail-${tag}`, title: "Git im Alltag", providerId: provider.id, status: "PUBLISHED" },
  });
  const section = await t.db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  const lesson = await t.db.lesson.create({
    data: { sectionId: section.id, title: "Commits", kind: "TEXT", position: 0 },
  });
  for (const u of [alice, bob])
    await t.db.enrollment.create({ data: { userId: u.id, courseId: course.id, source: "FREE" } });
  const as = (u: { id: string; roles: string[] }) => ({ id: u.id, roles: u.roles });
  return { provider: as(provider), alice: as(alice), bob: as(bob), lessonId: lesson.id, course, tag };
}

describe("lesson Q&A e-mail", () => {
  it("mails the provider about a question and the asker about an answer, localized, with text part and links", async () => {
    const w = await world("a");
    const qid = await askQuestion(
      t.db,
      w.alice,
      w.lessonId,
      questionInputSchema.parse({ title: "How do I undo a commit?", body: "" }),
    );
    await answerQuestion(t.db, w.alice, qid, answerInputSchema.parse({ body: "Found it myself: git revert." }));
    await answerQuestion(t.db, w.provider, qid, answerInputSchema.parse({ body: "Use `git revert`." }));
    expect(await send()).toMatchObject({ sent: 2, retry: 0, failed: 0 });
    const link = `${APP}/learn/qa-mail-a/${w.lessonId}#q-${qid}`;

    const asked = await catcher.waitFor((m) => m.to.includes("paula-a@example.org"));
    expect(asked.subject).toBe("Neue Frage zu Git im Alltag");
    expect(asked.language).toBe("de");
    expect(asked.text).toContain("Hallo Paula,");
    expect(asked.text).toContain("Alice hat eine Frage zu einer Lektion Ihres Kurses gestellt.");
    expect(asked.text).toContain("Frage: How do I undo a commit?");
    expect(asked.text).toContain("Lektion: Commits");
    expect(asked.links).toContain(link);
    expect(asked.links).toContain(`${APP}/account#notifications`);
    expect(asked.html).toContain("Frage beantworten");

    const answered = await catcher.waitFor((m) => m.to.includes("alice-a@example.org"));
    expect(answered.subject).toBe("New answer to your question: How do I undo a commit?");
    expect(answered.text).toContain("Paula answered your question.");
    expect(answered.links).toContain(link);
    // her own answer mailed nobody; a second pass sends nothing new
    expect(catcher.messages.filter((m) => m.to.includes("alice-a@example.org"))).toHaveLength(1);
    expect(await send()).toMatchObject({ sent: 0 });
  });

  it("sends nothing to accounts that turned Q&A e-mail off on /account", async () => {
    const w = await world("b");
    const { PUT } = await import("@/app/api/auth/account/notifications/route.ts");
    const optOut = async (user: { id: string; roles: string[] }, qaMail: unknown) =>
      PUT(
        apiRequest("PUT", "/api/auth/account/notifications", {
          cookie: await sessionCookie({ id: user.id, roles: user.roles as ("LEARNER" | "PROVIDER")[] }),
          body: { qaMail },
          headers: { origin: TEST_APP_URL },
        }),
      );
    expect((await optOut(w.provider, "no")).status).toBe(400);
    expect((await optOut(w.provider, false)).status).toBe(204);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: w.provider.id } })).qaMail).toBe(false);

    const qid = await askQuestion(t.db, w.bob, w.lessonId, questionInputSchema.parse({ title: "Is rebase safe?" }));
    await answerQuestion(t.db, w.provider, qid, answerInputSchema.parse({ body: "On your own branch, yes." }));
    expect(await send()).toMatchObject({ sent: 1 });
    await catcher.waitFor((m) => m.to.includes("bob-b@example.org"));
    expect(catcher.messages.some((m) => m.to.includes("paula-b@example.org"))).toBe(false);
    // the in-app notification still arrives
    expect(await t.db.notification.count({ where: { userId: w.provider.id, kind: "QUESTION_ASKED" } })).toBe(1);

    expect((await optOut(w.bob, false)).status).toBe(204);
    await answerQuestion(t.db, w.alice, qid, answerInputSchema.parse({ body: "Agreed with Paula." }));
    expect(await send()).toMatchObject({ sent: 0 });
    expect(catcher.messages.filter((m) => m.to.includes("bob-b@example.org"))).toHaveLength(1);
  });

  it("carries one-click List-Unsubscribe; POSTing it (no session) turns Q&A mail off for that recipient only", async () => {
    const w = await world("c");
    const qid = await askQuestion(t.db, w.alice, w.lessonId, questionInputSchema.parse({ title: "Why rebase?" }));
    await answerQuestion(t.db, w.provider, qid, answerInputSchema.parse({ body: "Linear history." }));
    expect(await send()).toMatchObject({ sent: 2 });
    const toPaula = await catcher.waitFor((m) => m.to.includes("paula-c@example.org"));
    const toAlice = await catcher.waitFor((m) => m.to.includes("alice-c@example.org"));
    const linkOf = (m: CaughtMail) => {
      expect(m.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      const match = /^<(http[^>]+)>$/.exec(m.headers["list-unsubscribe"] ?? "");
      expect(match, m.headers["list-unsubscribe"]).not.toBeNull();
      return match![1]!;
    };
    const paulaLink = linkOf(toPaula);
    const aliceLink = linkOf(toAlice);
    expect(paulaLink.startsWith(`${APP}/api/mail/unsubscribe?token=`)).toBe(true);
    expect(paulaLink).not.toBe(aliceLink);

    const { POST, GET } = await import("@/app/api/mail/unsubscribe/route.ts");
    const oneClick = (link: string, body = "List-Unsubscribe=One-Click", type = "application/x-www-form-urlencoded") =>
      POST(
        new Request(new URL(new URL(link).pathname + new URL(link).search, TEST_APP_URL), {
          method: "POST",
          headers: { "content-type": type },
          body,
        }),
      );
    const qaMail = async (id: string) => (await t.db.user.findUniqueOrThrow({ where: { id } })).qaMail;
    // a forged signature, a token for another category, a missing token, a missing one-click body: 400, nothing changes
    const token = new URL(paulaLink).searchParams.get("token")!;
    const forged = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect((await oneClick(`${APP}/api/mail/unsubscribe?token=${forged}`)).status).toBe(400);
    expect((await oneClick(`${APP}/api/mail/unsubscribe?token=${token.replace(".qa.", ".xx.")}`)).status).toBe(400);
    expect((await oneClick(`${APP}/api/mail/unsubscribe`)).status).toBe(400);
    expect((await oneClick(paulaLink, "List-Unsubscribe=Maybe")).status).toBe(400);
    expect((await oneClick(paulaLink, "{}", "application/json")).status).toBe(400);
    // opening the link (GET, e.g. a link scanner) only redirects to the confirmation page
    const opened = await GET(new Request(paulaLink.replace(APP, TEST_APP_URL)));
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toContain("/unsubscribe?token=");
    expect(await qaMail(w.provider.id)).toBe(true);

    const res = await oneClick(paulaLink);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ category: "qa", unsubscribed: true });
    expect(await qaMail(w.provider.id)).toBe(false);
    expect(await qaMail(w.alice.id)).toBe(true);
    // idempotent
    expect((await oneClick(paulaLink)).status).toBe(200);
    expect(await qaMail(w.provider.id)).toBe(false);

    // the next question mails nobody at Paula's address; Alice still gets answers
    const q2 = await askQuestion(t.db, w.bob, w.lessonId, questionInputSchema.parse({ title: "And merge?" }));
    await answerQuestion(t.db, w.alice, q2, answerInputSchema.parse({ body: "Also fine." }));
    await answerQuestion(t.db, w.provider, qid, answerInputSchema.parse({ body: "See the docs." }));
    expect(await send()).toMatchObject({ sent: 2 });
    expect(catcher.messages.filter((m) => m.to.includes("paula-c@example.org"))).toHaveLength(1);
  });
});
