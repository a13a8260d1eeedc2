/**
 * zod schemas of the studio (every body and parameter is parsed at the boundary). Field error messages are
 * stable codes (`required`, `title_length`, `correct_missing`, …) that the studio UI translates
 * (messages `studio.fieldErrors`), so the German studio shows German errors beside the fields.
 */
import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { CURRENCIES, normalizeCurrencyCode, type Currency } from "@/lib/money.ts";
import { payoutAddressProblem } from "@/lib/payout-address.ts";
import { CONTENT_LANGUAGES } from "@/lib/languages.ts";
import { parsePrice, PriceFormatError } from "./prices.ts";

/** A database id in a path or body (cuid or importer id). */
export const id = z.string().regex(/^[a-z0-9]{10,40}$/, "invalid");

export const LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;
export const LESSON_KINDS = ["VIDEO", "TEXT", "PDF", "QUIZ", "FLASHCARDS"] as const;
/** Course languages the catalog supports (ISO 639-1): the one list of content languages (lib/languages.ts). */
export const LANGUAGES = CONTENT_LANGUAGES;

/** At most 12 short sentences (outcomes, requirements); blank entries are dropped, duplicates kept once. */
const outcomeList = z
  .array(z.string().trim().max(160, "line_too_long"))
  .default([])
  .transform((lines) => [...new Set(lines.filter((l) => l.length > 0))])
  .refine((lines) => lines.length <= 12, "lines_max");

/**
 * The part of an uploaded cover image the course shows, chosen in the studio's 16:9 cropper: percentages (0–100) of
 * the image as displayed (EXIF orientation applied). The server cuts this region and scales it to the 16:9 cover
 * (features/media/cover.ts), so a slightly off aspect from rounding never distorts the image.
 */
export const coverCropSchema = z
  .object({
    x: z.number({ error: "invalid" }).min(0, "invalid").max(100, "invalid"),
    y: z.number({ error: "invalid" }).min(0, "invalid").max(100, "invalid"),
    width: z.number({ error: "invalid" }).gt(0, "invalid").max(100, "invalid"),
    height: z.number({ error: "invalid" }).gt(0, "invalid").max(100, "invalid"),
  })
  .refine((c) => c.x + c.width <= 100.01 && c.y + c.height <= 100.01, "invalid");
export type CoverCrop = z.infer<typeof coverCropSchema>;

/** Create/edit a course's metadata. */
export const courseInputSchema = z
  .object({
    title: z.string({ error: "required" }).trim().min(3, "title_length").max(120, "title_length"),
    subtitle: z.string().trim().max(200, "too_long").default(""),
    description: z.string().max(20_000, "too_long").default(""),
    language: z.enum(LANGUAGES, { error: "invalid_choice" }),
    level: z.enum(LEVELS, { error: "invalid_choice" }),
    category: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "category_format"),
    tags: z
      .array(z.string().trim().toLowerCase().min(1, "required").max(30, "tag_too_long"))
      .max(10, "tags_max")
      .default([])
      .transform((t) => [...new Set(t)]),
    /** "What you'll learn": one short sentence each (empty lines dropped) */
    learningOutcomes: outcomeList,
    /** prerequisites: one short sentence each */
    requirements: outcomeList,
    coverId: id.nullable().default(null),
    /** the cropper's region of a newly uploaded cover (null: the server picks the most interesting 16:9 region) */
    coverCrop: coverCropSchema.nullable().default(null),
    /** text alternative of the cover image; required with a cover */
    coverAlt: z.string().trim().max(200, "too_long").default(""),
    /** share of a video's duration to watch for completion, percent (omitted: unchanged; new courses 90) */
    videoCompletionPercent: z
      .number({ error: "completion_range" })
      .int("completion_range")
      .min(50, "completion_range")
      .max(100, "completion_range")
      .optional(),
  })
  .refine((c) => !c.coverId || c.coverAlt.length >= 3, {
    path: ["coverAlt"],
    message: "cover_alt_required",
  });
export type CourseInput = z.infer<typeof courseInputSchema>;

export const titleSchema = z.object({
  title: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
});

export const lessonCreateSchema = z.object({
  title: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
  kind: z.enum(LESSON_KINDS, { error: "invalid_choice" }),
});
export type LessonCreateInput = z.infer<typeof lessonCreateSchema>;

/** Edit a lesson (all fields optional). Markdown body for TEXT lessons (and notes on others). */
export const lessonUpdateSchema = z.object({
  title: z.string().trim().min(1, "required").max(200, "too_long").optional(),
  body: z.string().max(100_000, "too_long").optional(),
  isPreview: z.boolean().optional(),
  mediaId: id.nullable().optional(),
  captionsId: id.nullable().optional(),
  durationSeconds: z
    .number({ error: "duration_range" })
    .int("duration_range")
    .min(0, "duration_range")
    .max(86_400, "duration_range")
    .nullable()
    .optional(),
});
export type LessonUpdateInput = z.infer<typeof lessonUpdateSchema>;

/** A complete new order of the children (sections of a course, lessons of a section). */
export const reorderSchema = z.object({ ids: z.array(id).min(1).max(500) });

export const quizSchema = z.object({
  passMarkPercent: z
    .number({ error: "percent_range" })
    .int("percent_range")
    .min(0, "percent_range")
    .max(100, "percent_range"),
  /** failed attempts before a cooldown (omitted: unchanged; default 3) */
  maxAttempts: z
    .number({ error: "attempts_range" })
    .int("attempts_range")
    .min(1, "attempts_range")
    .max(20, "attempts_range")
    .optional(),
  /** cooldown after `maxAttempts` failed attempts, in seconds (omitted: unchanged; default 600, max 7 days) */
  cooldownSeconds: z
    .number({ error: "cooldown_range" })
    .int("cooldown_range")
    .min(0, "cooldown_range")
    .max(604_800, "cooldown_range")
    .optional(),
  questions: z
    .array(
      z
        .object({
          /** the question's id when it is kept (its id and learners' answers stay) */
          id: id.optional(),
          prompt: z.string({ error: "required" }).trim().min(1, "required").max(2000, "too_long"),
          multiple: z.boolean(),
          explanation: z.string().trim().max(4000, "too_long").default(""),
          options: z
            .array(
              z.object({
                id: id.optional(),
                text: z.string({ error: "required" }).trim().min(1, "required").max(1000, "too_long"),
                correct: z.boolean(),
              }),
            )
            .min(2, "options_min")
            .max(10, "options_max"),
        })
        .superRefine((q, ctx) => {
          const correct = q.options.filter((o) => o.correct).length;
          if (correct === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "correct_missing" });
          if (!q.multiple && correct > 1) {
            ctx.addIssue({ code: "custom", path: ["options"], message: "single_choice_one_correct" });
          }
        }),
    )
    .min(1, "questions_min")
    .max(200, "too_many"),
});
export type QuizInput = z.infer<typeof quizSchema>;

export const flashcardsSchema = z.object({
  cards: z
    .array(
      z.object({
        /** the card's id when it is kept (learners' review schedules stay) */
        id: id.optional(),
        front: z.string({ error: "required" }).trim().min(1, "required").max(2000, "too_long"),
        back: z.string({ error: "required" }).trim().min(1, "required").max(4000, "too_long"),
      }),
    )
    .min(1, "cards_min")
    .max(1000, "too_many"),
});
export type FlashcardsInput = z.infer<typeof flashcardsSchema>;

/**
 * Pricing: decimal text per currency ("" or absent = not sold in it), or explicitly free; the refund window
 * of crypto sales in days; optionally a new payout address (checksummed on the way in).
 */
export const pricingSchema = z
  .object({
    isFree: z.boolean(),
    prices: z
      .preprocess(
        (v) =>
          v !== null && typeof v === "object" && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).map(([k, text]) => [normalizeCurrencyCode(k), text]))
            : v,
        z.partialRecord(z.enum(CURRENCIES), z.string({ error: "price_format" }).trim().max(40, "price_format")),
      )
      .default({})
      .transform((prices, ctx) => {
        const units: Partial<Record<Currency, bigint>> = {};
        for (const c of CURRENCIES) {
          const text = prices[c];
          if (text === undefined || text === "") continue;
          try {
            units[c] = parsePrice(c, text);
          } catch (err) {
            if (!(err instanceof PriceFormatError)) throw err;
            ctx.addIssue({ code: "custom", path: [c], message: err.code });
          }
        }
        return units;
      }),
    refundWindowDays: z
      .number({ error: "refund_window_range" })
      .int("refund_window_range")
      .min(0, "refund_window_range")
      .max(30, "refund_window_range"),
    payoutAddress: z
      .string()
      .trim()
      .refine((v) => v === "" || isAddress(v, { strict: false }), "invalid_address")
      .refine((v) => v === "" || payoutAddressProblem(v) === null, "forbidden_address")
      .transform((v) => (v === "" ? undefined : getAddress(v)))
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.isFree && Object.keys(input.prices).length > 0) {
      ctx.addIssue({ code: "custom", path: ["isFree"], message: "free_no_prices" });
    }
  });
export type PricingInput = z.infer<typeof pricingSchema>;

/** Move one place up (-1) or down (+1). */
export const moveSchema = z.object({ delta: z.union([z.literal(-1), z.literal(1)]) });
