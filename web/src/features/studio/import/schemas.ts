/** zod schemas of every file the importer reads (course.yaml, Carpentries config.yaml, front matter, quiz and flashcard files). */
import { z } from "zod";

const text = z.string().trim().min(1);
const relPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.includes("\\"), "must be a relative path with forward slashes");

/** A question as written in a quiz file or a ```quiz block. `correct` marks the right option(s). */
export const quizQuestionInputSchema = z
  .object({
    prompt: text,
    options: z
      .array(z.object({ text: text, correct: z.boolean().default(false) }).strict())
      .min(2)
      .max(12),
    explanation: z.string().default(""),
    /** defaults to true when more than one option is correct */
    multiple: z.boolean().optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct === 0)
      ctx.addIssue({ code: "custom", path: ["options"], message: "no option is marked correct: true" });
    if (q.multiple === false && correct > 1) {
      ctx.addIssue({ code: "custom", path: ["multiple"], message: `is false but ${correct} options are correct` });
    }
  });

/** `*.quiz.yaml`: a quiz lesson. */
export const quizFileSchema = z
  .object({
    title: text,
    order: z.number().optional(),
    passMarkPercent: z.number().int().min(0).max(100).optional(),
    required: z.boolean().optional(),
    questions: z.array(quizQuestionInputSchema).min(1),
  })
  .strict();

/** `*.flashcards.yaml`: a flashcard deck lesson. */
export const flashcardFileSchema = z
  .object({
    title: text,
    order: z.number().optional(),
    required: z.boolean().optional(),
    cards: z.array(z.object({ front: text, back: text }).strict()).min(1),
  })
  .strict();

const inlineBase = {
  title: text,
  body: z.string().optional(),
  preview: z.boolean().default(false),
  required: z.boolean().optional(),
};

/** A lesson defined in course.yaml itself (media lessons, or a quiz/flashcard/Markdown file outside the layout). */
export const inlineLessonSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("VIDEO"), ...inlineBase, file: relPath, captions: relPath.optional() }).strict(),
  z.object({ kind: z.literal("PDF"), ...inlineBase, file: relPath }).strict(),
  z.object({ kind: z.literal("TEXT"), ...inlineBase, file: relPath }).strict(),
  z.object({ kind: z.literal("QUIZ"), file: relPath, preview: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal("FLASHCARDS"), file: relPath, preview: z.boolean().default(false) }).strict(),
]);
export type InlineLessonInput = z.infer<typeof inlineLessonSchema>;

/** `course.yaml` at the root of a course folder. Everything except `slug` can come from the source's own config. */
export const courseManifestSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by '-'"),
    title: text.optional(),
    subtitle: z.string().optional(),
    description: z.string().optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, "must be a language tag like 'en' or 'pt-BR'")
      .optional(),
    level: z.enum(["BEGINNER", "INTERMEDIATE", "ADVANCED"]).optional(),
    category: text.optional(),
    tags: z.array(text).optional(),
    /** "What you'll learn" sentences shown on the course page */
    learningOutcomes: z.array(text).max(12).optional(),
    /** prerequisites shown on the course page */
    requirements: z.array(text).max(12).optional(),
    license: text.optional(),
    attribution: text.optional(),
    sourceUrl: z.url().optional(),
    cover: relPath.optional(),
    /** text alternative of the cover */
    coverAlt: text.optional(),
    provider: z.object({ name: text, email: z.email() }).strict().optional(),
    passMarkPercent: z.number().int().min(0).max(100).optional(),
    /** Sections in order; a string entry is a lesson key of the layout (episode file, ORDER.txt folder, Markdown path). */
    sections: z
      .array(z.object({ title: text, lessons: z.array(z.union([text, inlineLessonSchema])).min(1) }).strict())
      .min(1)
      .optional(),
  })
  .strict();
export type CourseManifest = z.infer<typeof courseManifestSchema>;

/** The parts of a Carpentries Workbench `config.yaml` the importer uses (other keys are ignored). */
export const carpentriesConfigSchema = z.looseObject({
  title: text,
  keywords: z.string().optional(),
  license: z.string().optional(),
  source: z.url().optional(),
  lang: z.string().optional(),
  episodes: z.array(relPath).min(1),
});

/** Front matter of a Carpentries episode. `teaching`/`exercises` are minutes. */
export const episodeFrontMatterSchema = z.looseObject({
  title: text,
  teaching: z.number().int().min(0).optional(),
  exercises: z.number().int().min(0).optional(),
});

/** Front matter of a Solidity by Example page. */
export const solidityFrontMatterSchema = z.looseObject({
  title: text,
  version: z.string().optional(),
  description: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  cyfrinLink: z.url().optional(),
});

/** Front matter of a lesson in the generic layout (`lessons/*.md`). */
export const lessonFrontMatterSchema = z
  .object({
    title: text,
    order: z.number().optional(),
    preview: z.boolean().optional(),
    required: z.boolean().optional(),
    /** minutes */
    duration: z.number().int().min(0).optional(),
  })
  .strict();
