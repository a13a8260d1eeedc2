import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zeroAddress } from "viem";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { outboxPayloadSchema } from "@/server/outbox/index.ts";
import { createCourse, deleteCourse, getStudioCourse, listMyCourses, slugify, updateCourse } from "./courses.ts";
import { saveFlashcards, saveQuiz } from "./content.ts";
import {
  createLesson,
  createSection,
  deleteLesson,
  deleteSection,
  moveLesson,
  moveSection,
  reorderLessons,
  reorderSections,
} from "./curriculum.ts";
import { listingViews } from "./listings.ts";
import { publishCourse, setPricing, withdrawCourse } from "./publish.ts";
import { courseInputSchema, pricingSchema, quizSchema } from "./schemas.ts";
import { createUser, testListingDeps } from "./testing/fixtures.ts";

let t: TestDatabase;
const deps = testListingDeps();
const PAYOUT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const meta = (title: string) =>
  courseInputSchema.parse({ title, language: "en", level: "BEGINNER", category: "web", tags: ["Git", "git", "vcs"] });

async function expectApiError(p: Promise<unknown>, code: string): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
  return err as ApiError;
}

async function positions(courseId: string) {
  const sections = await t.db.section.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    select: {
      title: true,
      position: true,
      lessons: { orderBy: { position: "asc" }, select: { title: true, position: true } },
    },
  });
  return sections;
}

describe("courses", () => {
  it("creates, edits and lists a provider's own courses; others get 403, learners 403", async () => {
    const p = await createUser(t.db, "Pia");
    const other = await createUser(t.db, "Otto");
    const learner = await createUser(t.db, "Lea", ["LEARNER"]);
    const { id, slug } = await createCourse(t.db, p, meta("Über Git — the basics"));
    expect(slug).toBe("uber-git-the-basics");
    const second = await createCourse(t.db, p, meta("Über Git — the basics"));
    expect(second.slug).toMatch(/^uber-git-the-basics-[0-9a-f]{6}$/);
    await updateCourse(t.db, p, id, { ...meta("Git basics"), description: "# Hello", subtitle: "Sub" });
    const c = await getStudioCourse(t.db, p, id);
    expect(c).toMatchObject({
      title: "Git basics",
      description: "# Hello",
      tags: ["git", "vcs"],
      status: "DRAFT",
      slug,
    });
    expect((await listMyCourses(t.db, p)).map((r) => r.id).sort()).toEqual([id, second.id].sort());
    await expectApiError(updateCourse(t.db, other, id, meta("Hijack")), "forbidden");
    await expectApiError(createCourse(t.db, learner, meta("Nope")), "forbidden");
    await expectApiError(getStudioCourse(t.db, p, "cnotacourse0000000000000"), "not_found");
    expect(slugify("  ")).toBe("course");
  });
});

describe("curriculum", () => {
  it("keeps positions contiguous and unique through create, move, reorder and delete", async () => {
    const p = await createUser(t.db, "Paul");
    const { id } = await createCourse(t.db, p, meta("Order"));
    const [a, b, c] = [
      await createSection(t.db, p, id, "A"),
      await createSection(t.db, p, id, "B"),
      await createSection(t.db, p, id, "C"),
    ];
    const l = [];
    for (const title of ["a1", "a2", "a3", "a4"]) l.push(await createLesson(t.db, p, a, { title, kind: "TEXT" }));
    await moveSection(t.db, p, c, -1);
    expect((await positions(id)).map((s) => [s.title, s.position])).toEqual([
      ["A", 0],
      ["C", 1],
      ["B", 2],
    ]);
    await moveSection(t.db, p, a, -1); // already first: no-op
    await reorderSections(t.db, p, id, [b, a, c]);
    expect((await positions(id)).map((s) => s.title)).toEqual(["B", "A", "C"]);
    await moveLesson(t.db, p, l[3]!, -1);
    await reorderLessons(t.db, p, a, [l[3]!, l[0]!, l[2]!, l[1]!]);
    await deleteLesson(t.db, p, l[0]!);
    const sa = (await positions(id)).find((s) => s.title === "A")!;
    expect(sa.lessons).toEqual([
      { title: "a4", position: 0 },
      { title: "a3", position: 1 },
      { title: "a2", position: 2 },
    ]);
    await deleteSection(t.db, p, b);
    expect((await positions(id)).map((s) => [s.title, s.position])).toEqual([
      ["A", 0],
      ["C", 1],
    ]);
    // an order that omits or repeats an item is refused and changes nothing
    await expectApiError(reorderSections(t.db, p, id, [a]), "unprocessable");
    await expectApiError(reorderSections(t.db, p, id, [a, a]), "unprocessable");
    expect((await positions(id)).map((s) => s.title)).toEqual(["A", "C"]);
  });

  it("serializes concurrent reorders without breaking uniqueness", async () => {
    const p = await createUser(t.db, "Conc");
    const { id } = await createCourse(t.db, p, meta("Concurrent"));
    const ids = [];
    for (const s of ["1", "2", "3", "4", "5"]) ids.push(await createSection(t.db, p, id, s));
    await Promise.all([
      reorderSections(t.db, p, id, [...ids].reverse()),
      moveSection(t.db, p, ids[0]!, 1),
      reorderSections(t.db, p, id, [ids[2]!, ids[0]!, ids[1]!, ids[4]!, ids[3]!]),
    ]);
    expect((await positions(id)).map((s) => s.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it("saves quizzes and flashcards only on lessons of that kind", async () => {
    const p = await createUser(t.db, "Quinn");
    const { id } = await createCourse(t.db, p, meta("Quiz"));
    const s = await createSection(t.db, p, id, "S");
    const quiz = await createLesson(t.db, p, s, { title: "Q", kind: "QUIZ" });
    const cards = await createLesson(t.db, p, s, { title: "F", kind: "FLASHCARDS" });
    const input = quizSchema.parse({
      passMarkPercent: 80,
      questions: [
        {
          prompt: "2+2?",
          multiple: false,
          explanation: "arithmetic",
          options: [
            { text: "4", correct: true },
            { text: "5", correct: false },
          ],
        },
        {
          prompt: "Primes?",
          multiple: true,
          options: [
            { text: "2", correct: true },
            { text: "3", correct: true },
            { text: "4", correct: false },
          ],
        },
      ],
    });
    await saveQuiz(t.db, p, quiz, input);
    await saveQuiz(t.db, p, quiz, input); // replacing keeps positions unique
    await saveFlashcards(t.db, p, cards, { cards: [{ front: "git init", back: "creates a repository" }] });
    const c = await getStudioCourse(t.db, p, id);
    const q = c.sections[0]!.lessons[0]!;
    expect(q.passMarkPercent).toBe(80);
    expect(q.questions.map((x) => x.options.filter((o) => o.correct).length)).toEqual([1, 2]);
    expect(c.sections[0]!.lessons[1]!.flashcards).toEqual([
      { id: expect.any(String), front: "git init", back: "creates a repository" },
    ]);
    await expectApiError(saveQuiz(t.db, p, cards, input), "unprocessable");
    expect(
      quizSchema.safeParse({
        passMarkPercent: 50,
        questions: [
          {
            prompt: "x",
            multiple: false,
            options: [
              { text: "a", correct: true },
              { text: "b", correct: true },
            ],
          },
        ],
      }).success,
    ).toBe(false);
  });
});

describe("pricing and publishing", () => {
  async function course(payout: string | null = PAYOUT) {
    const p = await createUser(t.db, "Prov", ["LEARNER", "PROVIDER"], payout);
    const { id } = await createCourse(t.db, p, meta("Sellable"));
    return { p, id };
  }
  const listingRows = (courseId: string) =>
    t.db.outboxTx.findMany({
      where: { idempotencyKey: { startsWith: `listing:${courseId}:` } },
      orderBy: { idempotencyKey: "asc" },
      select: { idempotencyKey: true, kind: true, payload: true },
    });

  it("enforces the publish rules with field errors", async () => {
    const { p, id } = await course(null);
    let err = await expectApiError(publishCourse(t.db, deps, p, id), "unprocessable");
    expect(err.fields).toEqual({ lessons: "lessons_missing", prices: "prices_missing" });
    const s = await createSection(t.db, p, id, "S");
    await createLesson(t.db, p, s, { title: "L", kind: "TEXT" });
    err = await expectApiError(
      setPricing(t.db, deps, p, id, pricingSchema.parse({ isFree: false, prices: { ESN: "25" }, refundWindowDays: 7 })),
      "unprocessable",
    );
    expect(err.fields).toEqual({ payoutAddress: "payout_required" });
    await setPricing(
      t.db,
      deps,
      p,
      id,
      pricingSchema.parse({ isFree: false, prices: { EUR: "19.99" }, refundWindowDays: 7 }),
    );
    expect(await publishCourse(t.db, deps, p, id)).toEqual([]); // fiat only: no on-chain listing
    expect((await t.db.course.findUniqueOrThrow({ where: { id } })).status).toBe("PUBLISHED");
  });

  it("a free course publishes without prices", async () => {
    const { p, id } = await course();
    const s = await createSection(t.db, p, id, "S");
    await createLesson(t.db, p, s, { title: "L", kind: "TEXT" });
    await setPricing(t.db, deps, p, id, pricingSchema.parse({ isFree: true, refundWindowDays: 0 }));
    await publishCourse(t.db, deps, p, id);
    expect(await listingRows(id)).toEqual([]);
  });

  it("writes one outbox listing per crypto currency once, re-lists on a price change, deactivates removed currencies", async () => {
    const { p, id } = await course();
    const s = await createSection(t.db, p, id, "S");
    await createLesson(t.db, p, s, { title: "L", kind: "TEXT" });
    const pricing = (prices: Record<string, string>) =>
      pricingSchema.parse({ isFree: false, prices, refundWindowDays: 14 });
    expect(await setPricing(t.db, deps, p, id, pricing({ EUR: "19.99", ESN: "25", POL: "0.5" }))).toEqual([]);
    const first = await publishCourse(t.db, deps, p, id);
    expect(first.sort()).toEqual([`listing:${id}:ESN:1`, `listing:${id}:POL:1`]);
    expect(await publishCourse(t.db, deps, p, id)).toEqual([]); // again: nothing new
    const rows = await listingRows(id);
    expect(rows).toHaveLength(2);
    const esn = outboxPayloadSchema.parse(rows[0]!.payload).args;
    expect(esn).toMatchObject({
      token: deps.contracts.ESNToken.address,
      price: (25n * 10n ** 18n).toString(),
      provider: PAYOUT,
      refundWindowSeconds: String(14 * 86_400),
      active: true,
    });
    expect(outboxPayloadSchema.parse(rows[1]!.payload).args).toMatchObject({
      token: zeroAddress,
      price: "500000000000000000",
    });
    expect(rows[0]!.kind).toBe("listCourse");

    // price change of ESN only, POL removed
    const changed = await setPricing(t.db, deps, p, id, pricing({ EUR: "19.99", ESN: "30" }));
    expect(changed.sort()).toEqual([`listing:${id}:ESN:2`, `listing:${id}:POL:2`]);
    const views = await listingViews(t.db, id);
    expect(views.map((v) => [v.currency, v.version, v.active, v.price, v.outbox.status])).toEqual([
      ["ESN", 2, true, (30n * 10n ** 18n).toString(), "PENDING"],
      ["POL", 2, false, "500000000000000000", "PENDING"],
    ]);
    // unpublish deactivates the remaining listing once
    expect(await withdrawCourse(t.db, deps, p, id, "DRAFT")).toEqual([`listing:${id}:ESN:3`]);
    expect((await listingViews(t.db, id)).every((v) => !v.active)).toBe(true);

    const audit = await t.db.auditLog.findMany({ where: { entityId: id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "course.price_changed",
      "course.price_changed",
      "course.published",
      "course.unpublished",
    ]);
  });

  it("a failed listing is written again on the next publish", async () => {
    const { p, id } = await course();
    const s = await createSection(t.db, p, id, "S");
    await createLesson(t.db, p, s, { title: "L", kind: "TEXT" });
    await setPricing(
      t.db,
      deps,
      p,
      id,
      pricingSchema.parse({ isFree: false, prices: { ESN: "1" }, refundWindowDays: 0 }),
    );
    await publishCourse(t.db, deps, p, id);
    await t.db.outboxTx.update({
      where: { idempotencyKey: `listing:${id}:ESN:1` },
      data: { status: "FAILED", lastError: "CourseMarketplaceTokenNotAllowed(0x00)" },
    });
    expect((await listingViews(t.db, id))[0]!.outbox.errorName).toBe("CourseMarketplaceTokenNotAllowed");
    expect(await publishCourse(t.db, deps, p, id)).toEqual([`listing:${id}:ESN:2`]);
  });

  it("deletes a course without enrollments (audited), refuses one with enrollments", async () => {
    const { p, id } = await course();
    const learner = await createUser(t.db, "L", ["LEARNER"]);
    await t.db.enrollment.create({ data: { userId: learner.id, courseId: id, source: "FREE" } });
    await expectApiError(deleteCourse(t.db, deps, p, id), "conflict");
    await t.db.enrollment.deleteMany({ where: { courseId: id } });
    await deleteCourse(t.db, deps, p, id);
    expect(await t.db.course.findUnique({ where: { id } })).toBeNull();
    expect(await t.db.auditLog.count({ where: { entityId: id, action: "course.deleted" } })).toBe(1);
  });
});
