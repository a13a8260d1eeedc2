/** zod schemas of the studio (every body and parameter is parsed at the boundary). */
import { getAddress, isAddress } from "viem";
import { z } from "zod";
import { CURRENCIES, normalizeCurrencyCode, type Currency } from "@/lib/money.ts";
import { payoutAddressProblem } from "@/lib/payout-address.ts";
import { parsePrice, PriceFormatError } from "./prices.ts";

/** A database id in a path or body (cuid or importer id). */
export const id = z.string().regex(/^[a-z0-9]{10,40}$/, "not an id");

export const LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;
export const LESSON_KINDS = ["VIDEO", "TEXT", "PDF", "QUIZ", "FLASHCARDS"] as const;
/** Course languages the catalog supports (ISO 639-1). */
export const LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "pl"] as const;

/** Create/edit a course's metadata. */
export const courseInputSchema = z
  .object({
    title: z.string().trim().min(3, "at least 3 characters").max(120),
    subtitle: z.string().trim().max(200).default(""),
    description: z.string().max(20_000).default(""),
    language: z.enum(LANGUAGES),
    level: z.enum(LEVELS),
    category: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lowercase letters, digits and dashes"),
    tags: z
      .array(z.string().trim().toLowerCase().min(1).max(30))
      .max(10, "at most 10 tags")
      .default([])
      .transform((t) => [...new Set(t)]),
    coverId: id.nullable().default(null),
    /** text alternative of the cover image; required with a cover */
    coverAlt: z.string().trim().max(200, "at most 200 characters").default(""),
    /** share of a video's duration to watch for completion, percent (omitted: unchanged; new courses 90) */
    videoCompletionPercent: z.number().int().min(50).max(100).optional(),
  })
  .refine((c) => !c.coverId || c.coverAlt.length >= 3, {
    path: ["coverAlt"],
    message: "describe the cover image for people who cannot see it (at least 3 characters)",
  });
export type CourseInput = z.infer<typeof courseInputSchema>;

export const titleSchema = z.object({ title: z.string().trim().min(1, "required").max(200) });

export const lessonCreateSchema = z.object({
  title: z.string().trim().min(1, "required").max(200),
  kind: z.enum(LESSON_KINDS),
});
export type LessonCreateInput = z.infer<typeof lessonCreateSchema>;

/** Edit a lesson (all fields optional). Markdown body for TEXT lessons (and notes on others). */
export const lessonUpdateSchema = z.object({
  title: z.string().trim().min(1, "required").max(200).optional(),
  body: z.string().max(100_000).optional(),
  isPreview: z.boolean().optional(),
  mediaId: id.nullable().optional(),
  captionsId: id.nullable().optional(),
  durationSeconds: z.number().int().min(0).max(86_400).nullable().optional(),
});
export type LessonUpdateInput = z.infer<typeof lessonUpdateSchema>;

/** A complete new order of the children (sections of a course, lessons of a section). */
export const reorderSchema = z.object({ ids: z.array(id).min(1).max(500) });

export const quizSchema = z.object({
  passMarkPercent: z.number().int().min(0).max(100),
  /** failed attempts before a cooldown (omitted: unchanged; default 3) */
  maxAttempts: z.number().int().min(1).max(20).optional(),
  /** cooldown after `maxAttempts` failed attempts, in seconds (omitted: unchanged; default 600, max 7 days) */
  cooldownSeconds: z.number().int().min(0).max(604_800).optional(),
  questions: z
    .array(
      z
        .object({
          prompt: z.string().trim().min(1, "required").max(2000),
          multiple: z.boolean(),
          explanation: z.string().trim().max(4000).default(""),
          options: z
            .array(z.object({ text: z.string().trim().min(1, "required").max(1000), correct: z.boolean() }))
            .min(2, "at least two options")
            .max(10),
        })
        .superRefine((q, ctx) => {
          const correct = q.options.filter((o) => o.correct).length;
          if (correct === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "mark a correct option" });
          if (!q.multiple && correct > 1) {
            ctx.addIssue({ code: "custom", path: ["options"], message: "single choice: exactly one correct option" });
          }
        }),
    )
    .min(1, "at least one question")
    .max(200),
});
export type QuizInput = z.infer<typeof quizSchema>;

export const flashcardsSchema = z.object({
  cards: z
    .array(
      z.object({
        front: z.string().trim().min(1, "required").max(2000),
        back: z.string().trim().min(1, "required").max(4000),
      }),
    )
    .min(1, "at least one card")
    .max(1000),
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
        z.partialRecord(z.enum(CURRENCIES), z.string().trim().max(40)),
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
            ctx.addIssue({ code: "custom", path: [c], message: err.message });
          }
        }
        return units;
      }),
    refundWindowDays: z.number().int().min(0).max(30, "at most 30 days"),
    payoutAddress: z
      .string()
      .trim()
      .refine((v) => v === "" || isAddress(v, { strict: false }), "not an address")
      .refine((v) => v === "" || payoutAddressProblem(v) === null, "the zero address or a platform contract")
      .transform((v) => (v === "" ? undefined : getAddress(v)))
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.isFree && Object.keys(input.prices).length > 0) {
      ctx.addIssue({ code: "custom", path: ["isFree"], message: "a free course has no prices" });
    }
  });
export type PricingInput = z.infer<typeof pricingSchema>;

/** Move one place up (-1) or down (+1). */
export const moveSchema = z.object({ delta: z.union([z.literal(-1), z.literal(1)]) });
