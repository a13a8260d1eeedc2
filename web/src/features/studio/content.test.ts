/**
 * Quiz and flashcard saves keep the ids of unchanged items (issue 14 item 8), so learners' flashcard reviews and
 * quiz attempts on a published course still refer to them; changed items keep their id when the editor sends
 * it, removed items go, new ones get new ids. Field errors are stable codes the studio UI translates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { createCourse, getStudioCourse } from "./courses.ts";
import { saveFlashcards, saveQuiz } from "./content.ts";
import { createLesson, createSection } from "./curriculum.ts";
import { courseInputSchema, flashcardsSchema, pricingSchema, quizSchema } from "./schemas.ts";
import { createUser } from "./testing/fixtures.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const meta = courseInputSchema.parse({ title: "Ids", language: "en", level: "BEGINNER", category: "web" });
const q = (prompt: string, options: string[], id?: string) => ({
  ...(id ? { id } : {}),
  prompt,
  multiple: false,
  options: options.map((text, i) => ({ text, correct: i === 0 })),
});

describe("saving quizzes and flashcards", () => {
  it("keeps the ids of unchanged cards and questions, and of edited ones the editor names", async () => {
    const p = await createUser(t.db, "Ida");
    const { id } = await createCourse(t.db, p, meta);
    const s = await createSection(t.db, p, id, "S");
    const deck = await createLesson(t.db, p, s, { title: "F", kind: "FLASHCARDS" });
    const quiz = await createLesson(t.db, p, s, { title: "Q", kind: "QUIZ" });

    await saveFlashcards(
      t.db,
      p,
      deck,
      flashcardsSchema.parse({
        cards: [
          { front: "a", back: "1" },
          { front: "b", back: "2" },
        ],
      }),
    );
    const before = await t.db.flashcard.findMany({ where: { lessonId: deck }, orderBy: { position: "asc" } });
    const learner = await createUser(t.db, "Lea");
    await t.db.flashcardReview.create({ data: { userId: learner.id, flashcardId: before[1]!.id, repetitions: 3 } });
    // new card first, "a" edited (id sent), "b" unchanged (no id: matched by content)
    await saveFlashcards(
      t.db,
      p,
      deck,
      flashcardsSchema.parse({
        cards: [
          { front: "new", back: "0" },
          { id: before[0]!.id, front: "a (edited)", back: "1" },
          { front: "b", back: "2" },
        ],
      }),
    );
    const after = await t.db.flashcard.findMany({ where: { lessonId: deck }, orderBy: { position: "asc" } });
    expect(after.map((c) => c.front)).toEqual(["new", "a (edited)", "b"]);
    expect(after[1]!.id).toBe(before[0]!.id);
    expect(after[2]!.id).toBe(before[1]!.id);
    expect(await t.db.flashcardReview.count({ where: { flashcardId: before[1]!.id } })).toBe(1);
    // removing a card removes only that one
    await saveFlashcards(t.db, p, deck, flashcardsSchema.parse({ cards: [{ front: "b", back: "2" }] }));
    expect((await t.db.flashcard.findMany({ where: { lessonId: deck } })).map((c) => c.id)).toEqual([before[1]!.id]);

    await saveQuiz(
      t.db,
      p,
      quiz,
      quizSchema.parse({ passMarkPercent: 50, questions: [q("one?", ["x", "y"]), q("two?", ["u", "v"])] }),
    );
    const qs1 = await t.db.quizQuestion.findMany({
      where: { lessonId: quiz },
      orderBy: { position: "asc" },
      include: { options: { orderBy: { position: "asc" } } },
    });
    // reorder, edit the first question's prompt (id sent), add an option to the second (same question by id)
    await saveQuiz(
      t.db,
      p,
      quiz,
      quizSchema.parse({
        passMarkPercent: 60,
        questions: [
          q("two?", ["u", "v", "w"], qs1[1]!.id),
          q("one, edited?", ["x", "y"], qs1[0]!.id),
          q("three?", ["k", "l"]),
        ],
      }),
    );
    const qs2 = await t.db.quizQuestion.findMany({
      where: { lessonId: quiz },
      orderBy: { position: "asc" },
      include: { options: { orderBy: { position: "asc" } } },
    });
    expect(qs2.map((x) => x.prompt)).toEqual(["two?", "one, edited?", "three?"]);
    expect(qs2[0]!.id).toBe(qs1[1]!.id);
    expect(qs2[1]!.id).toBe(qs1[0]!.id);
    expect(qs2[0]!.options.slice(0, 2).map((o) => o.id)).toEqual(qs1[1]!.options.map((o) => o.id));
    expect(qs2[0]!.options).toHaveLength(3);
    // the same content saved again changes no id
    const studio = await getStudioCourse(t.db, p, id);
    const editor = studio.sections[0]!.lessons.find((l) => l.id === quiz)!;
    await saveQuiz(t.db, p, quiz, quizSchema.parse({ passMarkPercent: 60, questions: editor.questions }));
    const qs3 = await t.db.quizQuestion.findMany({ where: { lessonId: quiz }, orderBy: { position: "asc" } });
    expect(qs3.map((x) => x.id)).toEqual(qs2.map((x) => x.id));
  });

  it("reports field errors as codes the studio translates", () => {
    const r = quizSchema.safeParse({
      passMarkPercent: 120,
      questions: [{ prompt: "", multiple: false, options: [{ text: "a", correct: true }] }],
    });
    const codes = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(codes).toMatchObject({
      passMarkPercent: "percent_range",
      "questions.0.prompt": "required",
      "questions.0.options": "options_min",
    });
    const c = courseInputSchema.safeParse({ title: "x", language: "xx", level: "BEGINNER", category: "Not OK" });
    expect(Object.fromEntries((c.error?.issues ?? []).map((i) => [i.path.join("."), i.message]))).toEqual({
      title: "title_length",
      language: "invalid_choice",
      category: "category_format",
    });
    const pr = pricingSchema.safeParse({
      isFree: false,
      prices: { EUR: "1.234" },
      refundWindowDays: 31,
      payoutAddress: "0x12",
    });
    expect(Object.fromEntries((pr.error?.issues ?? []).map((i) => [i.path.join("."), i.message]))).toEqual({
      "prices.EUR": "price_decimals",
      refundWindowDays: "refund_window_range",
      payoutAddress: "invalid_address",
    });
  });
});
