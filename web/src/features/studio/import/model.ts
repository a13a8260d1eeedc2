/**
 * The in-memory course the parser produces and the importer writes: plain data, validated with zod before
 * it leaves the parser. Media are referenced by their SHA-256; lesson bodies reference embedded media as
 * `smolitux-media:<sha256>` until the importer rewrites them to `/api/media/<assetId>`.
 */
import { z } from "zod";

/** Placeholder scheme for embedded media in parsed Markdown. */
export const MEDIA_REF_PREFIX = "smolitux-media:";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A file to store as a MediaAsset. */
export const parsedMediaSchema = z.object({
  sha256,
  /** absolute path on disk */
  absPath: z.string().min(1),
  /** original file name (used in the storage key and MediaAsset.originalName) */
  fileName: z.string().min(1),
  /** bytes */
  sizeBytes: z.number().int().min(0),
  /** sniffed from the content */
  mimeType: z.string().min(1),
});
export type ParsedMedia = z.infer<typeof parsedMediaSchema>;

export const parsedQuestionSchema = z
  .object({
    prompt: z.string().min(1),
    multiple: z.boolean(),
    explanation: z.string(),
    options: z.array(z.object({ text: z.string().min(1), correct: z.boolean() })).min(2),
  })
  .refine((q) => q.options.some((o) => o.correct), "a question needs at least one correct option")
  .refine(
    (q) => q.multiple || q.options.filter((o) => o.correct).length === 1,
    "single-choice question with several correct options",
  );
export type ParsedQuestion = z.infer<typeof parsedQuestionSchema>;

export const parsedLessonSchema = z
  .object({
    /** stable key within the course (source file or folder), for messages and tests */
    key: z.string().min(1),
    title: z.string().min(1),
    kind: z.enum(["VIDEO", "TEXT", "PDF", "QUIZ", "FLASHCARDS"]),
    /** Markdown */
    body: z.string(),
    mediaSha256: sha256.optional(),
    captionsSha256: sha256.optional(),
    durationSeconds: z.number().int().min(0).optional(),
    isPreview: z.boolean(),
    required: z.boolean(),
    passMarkPercent: z.number().int().min(0).max(100),
    questions: z.array(parsedQuestionSchema),
    flashcards: z.array(z.object({ front: z.string().min(1), back: z.string().min(1) })),
  })
  .refine(
    (l) => (l.kind === "VIDEO" || l.kind === "PDF") === (l.mediaSha256 !== undefined),
    "VIDEO and PDF lessons (only) need a media file",
  )
  .refine((l) => l.kind !== "QUIZ" || l.questions.length > 0, "a QUIZ lesson needs questions")
  .refine((l) => l.kind !== "FLASHCARDS" || l.flashcards.length > 0, "a FLASHCARDS lesson needs cards");
export type ParsedLesson = z.infer<typeof parsedLessonSchema>;

export const parsedCourseSchema = z.object({
  slug: z.string().min(1),
  title: z.string().min(1),
  subtitle: z.string(),
  description: z.string(),
  language: z.string().min(2),
  level: z.enum(["BEGINNER", "INTERMEDIATE", "ADVANCED"]),
  category: z.string().min(1),
  tags: z.array(z.string()),
  /** "What you'll learn" sentences (absent in packs made before they existed) */
  learningOutcomes: z.array(z.string()).max(12).optional(),
  requirements: z.array(z.string()).max(12).optional(),
  license: z.string().nullable(),
  attribution: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  coverSha256: sha256.optional(),
  /** text alternative of the cover */
  coverAlt: z.string().optional(),
  provider: z.object({ name: z.string(), email: z.string() }).optional(),
  sections: z.array(z.object({ title: z.string().min(1), lessons: z.array(parsedLessonSchema).min(1) })).min(1),
  /** every media file referenced by lessons, bodies or the cover, keyed by sha256 */
  media: z.array(parsedMediaSchema),
  /** SHA-256 over every source file read (relative path + content hash), hex */
  contentHash: sha256,
  /** non-fatal findings, e.g. images dropped because the file is missing */
  warnings: z.array(z.string()),
});
export type ParsedCourse = z.infer<typeof parsedCourseSchema>;
